import type { AgencyKind } from '../modules/identity/identity.tables.ts';

/** Demo agencies: real Saudi government bodies, their public websites and contact numbers. */
export const demoAgencies: {
  code: string;
  name_ar: string;
  name_en: string;
  kind: AgencyKind;
  parent?: string;
  website: string;
  phone?: string;
  email?: string;
  city_ar?: string;
  city_en?: string;
}[] = [
  { code: 'moi', name_ar: 'وزارة الداخلية', name_en: 'Ministry of Interior', kind: 'ministry', website: 'https://www.moi.gov.sa', phone: '+966 11 401 1111' },
  { code: 'gdp', name_ar: 'المديرية العامة للجوازات', name_en: 'General Directorate of Passports', kind: 'authority', parent: 'moi', website: 'https://www.gdp.gov.sa', phone: '992' },
  { code: 'traffic', name_ar: 'الإدارة العامة للمرور', name_en: 'General Department of Traffic', kind: 'authority', parent: 'moi', website: 'https://www.moi.gov.sa/traffic', phone: '993' },
  { code: 'civil-affairs', name_ar: 'وكالة وزارة الداخلية للأحوال المدنية', name_en: 'Civil Affairs Agency', kind: 'authority', parent: 'moi', website: 'https://www.moi.gov.sa/civil-affairs', phone: '+966 11 401 1111' },
  { code: 'moh', name_ar: 'وزارة الصحة', name_en: 'Ministry of Health', kind: 'ministry', website: 'https://www.moh.gov.sa', phone: '937', email: 'info@moh.gov.sa' },
  { code: 'moe', name_ar: 'وزارة التعليم', name_en: 'Ministry of Education', kind: 'ministry', website: 'https://www.moe.gov.sa', phone: '+966 11 404 2888' },
  { code: 'hrsd', name_ar: 'وزارة الموارد البشرية والتنمية الاجتماعية', name_en: 'Ministry of Human Resources and Social Development', kind: 'ministry', website: 'https://www.hrsd.gov.sa', phone: '19911' },
  { code: 'hrdf', name_ar: 'صندوق تنمية الموارد البشرية (هدف)', name_en: 'Human Resources Development Fund (HADAF)', kind: 'semi_government', parent: 'hrsd', website: 'https://www.hrdf.org.sa', phone: '920000826' },
  { code: 'mc', name_ar: 'وزارة التجارة', name_en: 'Ministry of Commerce', kind: 'ministry', website: 'https://mc.gov.sa', phone: '1900', email: 'info@mc.gov.sa' },
  { code: 'moj', name_ar: 'وزارة العدل', name_en: 'Ministry of Justice', kind: 'ministry', website: 'https://www.moj.gov.sa', phone: '1950' },
  { code: 'momrah', name_ar: 'وزارة الشؤون البلدية والقروية والإسكان', name_en: 'Ministry of Municipal, Rural Affairs and Housing', kind: 'ministry', website: 'https://momrah.gov.sa', phone: '199099' },
  { code: 'riyadh-municipality', name_ar: 'أمانة منطقة الرياض', name_en: 'Riyadh Region Municipality', kind: 'municipality', parent: 'momrah', website: 'https://www.alriyadh.gov.sa', phone: '940', city_ar: 'الرياض', city_en: 'Riyadh' },
  { code: 'jeddah-municipality', name_ar: 'أمانة محافظة جدة', name_en: 'Jeddah Municipality', kind: 'municipality', parent: 'momrah', website: 'https://www.jeddah.gov.sa', phone: '940', city_ar: 'جدة', city_en: 'Jeddah' },
  { code: 'eastern-municipality', name_ar: 'أمانة المنطقة الشرقية', name_en: 'Eastern Province Municipality', kind: 'municipality', parent: 'momrah', website: 'https://www.eamana.gov.sa', phone: '940', city_ar: 'الدمام', city_en: 'Dammam' },
  { code: 'makkah-municipality', name_ar: 'أمانة العاصمة المقدسة', name_en: 'Makkah Municipality', kind: 'municipality', parent: 'momrah', website: 'https://www.holymakkah.gov.sa', phone: '940', city_ar: 'مكة المكرمة', city_en: 'Makkah' },
  { code: 'mof', name_ar: 'وزارة المالية', name_en: 'Ministry of Finance', kind: 'ministry', website: 'https://www.mof.gov.sa', phone: '+966 11 405 0000' },
  { code: 'zatca', name_ar: 'هيئة الزكاة والضريبة والجمارك', name_en: 'Zakat, Tax and Customs Authority', kind: 'authority', parent: 'mof', website: 'https://zatca.gov.sa', phone: '19993' },
  { code: 'haj', name_ar: 'وزارة الحج والعمرة', name_en: 'Ministry of Hajj and Umrah', kind: 'ministry', website: 'https://www.haj.gov.sa', phone: '920002814' },
  { code: 'mt', name_ar: 'وزارة السياحة', name_en: 'Ministry of Tourism', kind: 'ministry', website: 'https://mt.gov.sa', phone: '930' },
  { code: 'media', name_ar: 'وزارة الإعلام', name_en: 'Ministry of Media', kind: 'ministry', website: 'https://media.gov.sa', phone: '+966 11 401 4440' },
  { code: 'mot', name_ar: 'وزارة النقل والخدمات اللوجستية', name_en: 'Ministry of Transport and Logistic Services', kind: 'ministry', website: 'https://mot.gov.sa', phone: '938' },
  { code: 'mewa', name_ar: 'وزارة البيئة والمياه والزراعة', name_en: 'Ministry of Environment, Water and Agriculture', kind: 'ministry', website: 'https://www.mewa.gov.sa', phone: '939' },
  { code: 'mcit', name_ar: 'وزارة الاتصالات وتقنية المعلومات', name_en: 'Ministry of Communications and Information Technology', kind: 'ministry', website: 'https://www.mcit.gov.sa', phone: '+966 11 452 2222' },
  { code: 'yesser', name_ar: 'برنامج التعاملات الإلكترونية الحكومية (يسر)', name_en: 'E-Government Program (Yesser)', kind: 'other', parent: 'mcit', website: 'https://www.yesser.gov.sa', phone: '+966 11 452 2222', email: 'info@yesser.gov.sa' },
  { code: 'dga', name_ar: 'هيئة الحكومة الرقمية', name_en: 'Digital Government Authority', kind: 'authority', website: 'https://dga.gov.sa', email: 'info@dga.gov.sa' },
  { code: 'sdaia', name_ar: 'الهيئة السعودية للبيانات والذكاء الاصطناعي', name_en: 'Saudi Data and AI Authority', kind: 'authority', website: 'https://sdaia.gov.sa' },
  { code: 'nic', name_ar: 'المركز الوطني للمعلومات', name_en: 'National Information Center', kind: 'other', parent: 'sdaia', website: 'https://www.nic.gov.sa' },
  { code: 'gosi', name_ar: 'المؤسسة العامة للتأمينات الاجتماعية', name_en: 'General Organization for Social Insurance', kind: 'semi_government', website: 'https://www.gosi.gov.sa', phone: '8001243344' },
  { code: 'redf', name_ar: 'صندوق التنمية العقارية', name_en: 'Real Estate Development Fund', kind: 'semi_government', parent: 'momrah', website: 'https://www.redf.gov.sa', phone: '199088' },
  { code: 'sfda', name_ar: 'الهيئة العامة للغذاء والدواء', name_en: 'Saudi Food and Drug Authority', kind: 'authority', website: 'https://www.sfda.gov.sa', phone: '19999' },
  { code: 'saso', name_ar: 'الهيئة السعودية للمواصفات والمقاييس والجودة', name_en: 'Saudi Standards, Metrology and Quality Organization', kind: 'authority', website: 'https://www.saso.gov.sa', phone: '+966 11 252 9999' },
  { code: 'gastat', name_ar: 'الهيئة العامة للإحصاء', name_en: 'General Authority for Statistics', kind: 'authority', website: 'https://www.stats.gov.sa', phone: '+966 11 405 9999' },
  { code: 'rega', name_ar: 'الهيئة العامة للعقار', name_en: 'Real Estate General Authority', kind: 'authority', website: 'https://rega.gov.sa', phone: '920000210' },
  { code: 'tvtc', name_ar: 'المؤسسة العامة للتدريب التقني والمهني', name_en: 'Technical and Vocational Training Corporation', kind: 'authority', website: 'https://www.tvtc.gov.sa', phone: '920003660' },
  { code: 'scfhs', name_ar: 'الهيئة السعودية للتخصصات الصحية', name_en: 'Saudi Commission for Health Specialties', kind: 'authority', parent: 'moh', website: 'https://www.scfhs.org.sa', phone: '920019393' },
  { code: 'mofa', name_ar: 'وزارة الخارجية', name_en: 'Ministry of Foreign Affairs', kind: 'ministry', website: 'https://www.mofa.gov.sa', phone: '+966 11 406 7777' },
  { code: 'se', name_ar: 'الشركة السعودية للكهرباء', name_en: 'Saudi Electricity Company', kind: 'semi_government', website: 'https://www.se.com.sa', phone: '920001100' },
  { code: 'nwc', name_ar: 'شركة المياه الوطنية', name_en: 'National Water Company', kind: 'semi_government', parent: 'mewa', website: 'https://www.nwc.com.sa', phone: '8004411110' },
];

export const DEMO_PASSWORD = 'Yusr-Demo-2026';

/** One demo account per role (two agency editors, so isolation can be tried by hand). */
export const demoUsers: { email: string; name: string; locale: 'ar' | 'en'; role: string; agency?: string }[] = [
  { email: 'admin@yusr.demo', name: 'نورة القحطاني', locale: 'ar', role: 'program_admin' },
  { email: 'reviewer@yusr.demo', name: 'Khalid Alharbi', locale: 'en', role: 'program_reviewer' },
  { email: 'moh.admin@yusr.demo', name: 'د. سارة العتيبي', locale: 'ar', role: 'agency_admin', agency: 'moh' },
  { email: 'moh.editor@yusr.demo', name: 'فهد الدوسري', locale: 'ar', role: 'agency_editor', agency: 'moh' },
  { email: 'mc.editor@yusr.demo', name: 'Reem Alshehri', locale: 'en', role: 'agency_editor', agency: 'mc' },
  { email: 'judge@yusr.demo', name: 'عبدالله الغامدي', locale: 'ar', role: 'judge' },
  { email: 'advisor@yusr.demo', name: 'Mona Alzahrani', locale: 'en', role: 'advisor' },
  { email: 'leader@yusr.demo', name: 'م. علي آل صمع', locale: 'ar', role: 'leadership_viewer' },
];
