const { getLocation, openLocation, makePhoneCall } = wx

Page({
  locate() {
    getLocation({ type: 'gcj02', success: (loc) => this.setData({ loc }) })
  },
  open(outlet) {
    openLocation({ latitude: outlet.lat, longitude: outlet.lng, name: outlet.name })
  },
  call(outlet) {
    makePhoneCall({ phoneNumber: outlet.phone })
  },
})
