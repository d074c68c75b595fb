// 各后端地址（示例数据：虚构）
const SBK_HOST = 'https://sbk-api.rsj.baoding.invalid'

module.exports = {
  sbkBase: SBK_HOST + '/api/v2',
  apiBase: 'https://wx-api.rsj.baoding.invalid',
  jiuyeBase: 'https://jiuye-sys.rsj.baoding.invalid/jyfw',
}
