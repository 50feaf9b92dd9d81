Page({
  data: { code: '', teas: ['绿茶', '红茶', '乌龙'], tea: 0, said: '' },
  say(what) { console.log(what); this.setData({ said: what }) },
  onCity(e) { console.log('input', e.detail.value, e.detail.cursor, e.detail.keyCode) },
  onConfirm(e) { this.say('确认 ' + e.detail.value) },
  // The page keeps the code upper case, as a handler's return value does.
  onCode(e) { return e.detail.value.toUpperCase() },
  onFruit(e) { this.say('fruit ' + JSON.stringify(e.detail.value)) },
  onSize(e) { this.say('size ' + e.detail.value) },
  onIce(e) { this.say('ice ' + e.detail.value) },
  onTea(e) { this.setData({ tea: e.detail.value }) },
  onSugar(e) { this.say('sugar ' + e.detail.value) },
  onSubmit(e) { this.say('submit ' + JSON.stringify(e.detail.value)) },
  onReset() { this.say('reset') },
  onUser(e) { this.say(e.detail.errMsg) },
  onShow() { console.log('index shown') },
  onHide() { console.log('index hidden') },
})
