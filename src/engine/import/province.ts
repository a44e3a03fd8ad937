/**
 * The province of a Chinese delivery address ("浙江省 杭州市 西湖区 …" → 浙江), so that an export
 * with only a 收货地址 column still gives a region per order. Provinces, autonomous regions,
 * municipalities and the two SARs are told apart by their first two characters (simplified or
 * traditional); an address that starts otherwise keeps its first word.
 */
const PROVINCES = [
  '北京', '天津', '上海', '重庆', '河北', '山西', '辽宁', '吉林', '黑龙江', '江苏', '浙江', '安徽', '福建', '江西', '山东',
  '河南', '湖北', '湖南', '广东', '海南', '四川', '贵州', '云南', '陕西', '甘肃', '青海', '台湾', '内蒙古', '广西', '西藏',
  '宁夏', '新疆', '香港', '澳门',
];
/** Traditional spellings of the same names. */
const TRADITIONAL: Readonly<Record<string, string>> = {
  重慶: '重庆', 遼寧: '辽宁', 黑龍: '黑龙江', 江蘇: '江苏', 山東: '山东', 廣東: '广东', 貴州: '贵州', 雲南: '云南',
  陝西: '陕西', 甘肅: '甘肃', 臺灣: '台湾', 台灣: '台湾', 內蒙: '内蒙古', 廣西: '广西', 寧夏: '宁夏', 澳門: '澳门',
};

const BY_PREFIX = new Map<string, string>();
for (const p of PROVINCES) BY_PREFIX.set(p.slice(0, 2), p);
for (const [prefix, p] of Object.entries(TRADITIONAL)) BY_PREFIX.set(prefix, p);

/** The province an address starts with, or its first word when none does ('' for an empty address). */
export function provinceOfAddress(address: string): string {
  const text = address.trim();
  const known = BY_PREFIX.get(text.slice(0, 2));
  if (known !== undefined) return known;
  const space = text.search(/[\s,，]/);
  return space < 0 ? text : text.slice(0, space);
}
