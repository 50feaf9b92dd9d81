export const widget = 'widget by @/*'
