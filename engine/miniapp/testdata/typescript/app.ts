import { Currency, format } from './utils/price'

interface Globals { currency: Currency }

App<Globals>({
  globalData: { currency: Currency.CNY },
  onLaunch() {
    console.log('launch', format(1999, this.globalData.currency))
  },
})
