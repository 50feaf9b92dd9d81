import Dialog from '@vant/weapp/dialog/dialog';

Page({
  data: { name: '', checked: false, popup: false, tab: 0, dialog: 'none', cell: 0 },
  onCell() { this.setData({ cell: this.data.cell + 1 }) },
  onName(e) { this.setData({ name: e.detail }) },
  onCheck(e) { this.setData({ checked: e.detail }) },
  onTab(e) { this.setData({ tab: e.detail.index }) },
  openPopup() { this.setData({ popup: true }) },
  closePopup() { this.setData({ popup: false }) },
  openDialog() {
    Dialog.confirm({ title: '确认标题', message: '对话框的内容' })
      .then(() => this.setData({ dialog: 'confirmed' }))
      .catch(() => this.setData({ dialog: 'cancelled' }));
  },
});
