export enum Currency { CNY = 'CNY', USD = 'USD' }

const symbols: Record<Currency, string> = { [Currency.CNY]: '¥', [Currency.USD]: '$' }

export function format(cents: number, currency: Currency = Currency.CNY): string {
  return `${symbols[currency]}${(cents / 100).toFixed(2)}`
}
