export const label = 'scoped @acme/ui/button'
