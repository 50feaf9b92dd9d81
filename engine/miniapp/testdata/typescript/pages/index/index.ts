import { format } from '../../utils/price'

type Item = { name: string; cents: number }

const items: Item[] = [
  { name: '茶', cents: 1200 },
  { name: '咖啡', cents: 2800 },
]

Page({
  data: { total: '' },
  onLoad() {
    const cents = items.reduce((sum: number, it: Item) => sum + it.cents, 0)
    this.setData({ total: format(cents) })
  },
})
