import type { TaxonomyKind } from '../modules/catalog/catalog.schema.ts';

/** A managed taxonomy term of the national e-service catalog. */
export interface CatalogTerm {
  kind: TaxonomyKind;
  code: string;
  name_ar: string;
  name_en: string;
  sort: number;
}

const terms = (kind: TaxonomyKind, rows: [string, string, string][]): CatalogTerm[] =>
  rows.map(([code, name_ar, name_en], i) => ({ kind, code, name_ar, name_en, sort: (i + 1) * 10 }));

/** Thematic categories. */
export const categoryTerms: CatalogTerm[] = terms('category', [
  ['identity-residency', 'الهوية والإقامة والجوازات', 'Identity, residency and passports'],
  ['transport', 'النقل والمرور', 'Transport and traffic'],
  ['health', 'الصحة', 'Health'],
  ['education', 'التعليم والتدريب', 'Education and training'],
  ['labour', 'العمل والتوظيف', 'Work and employment'],
  ['social-support', 'الدعم والحماية الاجتماعية', 'Social support and protection'],
  ['business', 'الأعمال والتجارة', 'Business and commerce'],
  ['finance-tax', 'المالية والزكاة والضرائب والجمارك', 'Finance, zakat, tax and customs'],
  ['justice', 'العدل والقضاء', 'Justice and courts'],
  ['housing', 'الإسكان والعقار', 'Housing and real estate'],
  ['municipal', 'الخدمات البلدية', 'Municipal services'],
  ['hajj-umrah', 'الحج والعمرة', 'Hajj and Umrah'],
  ['tourism', 'السياحة والسفر', 'Tourism and travel'],
  ['environment-agriculture', 'البيئة والمياه والزراعة', 'Environment, water and agriculture'],
  ['utilities', 'الكهرباء والمياه', 'Electricity and water'],
  ['communications', 'الاتصالات والحكومة الرقمية', 'Communications and digital government'],
  ['culture-media', 'الثقافة والإعلام', 'Culture and media'],
  ['food-drug', 'الغذاء والدواء', 'Food and medicines'],
  ['standards-quality', 'المواصفات والمقاييس والجودة', 'Standards, metrology and quality'],
  ['statistics', 'الإحصاء والبيانات', 'Statistics and data'],
  ['public-safety', 'الأمن والسلامة العامة', 'Security and public safety'],
]);

/** Life events of individuals. */
export const lifeEventTerms: CatalogTerm[] = terms('life_event', [
  ['birth', 'ولادة مولود', 'Having a baby'],
  ['starting-school', 'الالتحاق بالمدرسة', 'Starting school'],
  ['university', 'الدراسة الجامعية', 'Going to university'],
  ['first-job', 'الحصول على الوظيفة الأولى', 'Getting a first job'],
  ['marriage', 'الزواج', 'Getting married'],
  ['moving-home', 'الانتقال إلى مسكن جديد', 'Moving home'],
  ['buying-home', 'تملّك مسكن', 'Buying a home'],
  ['buying-car', 'شراء مركبة', 'Buying a vehicle'],
  ['driving', 'قيادة المركبات', 'Driving'],
  ['travel-abroad', 'السفر إلى الخارج', 'Travelling abroad'],
  ['health-emergency', 'حالة صحية طارئة', 'A health emergency'],
  ['disability', 'الإعاقة', 'Living with a disability'],
  ['losing-job', 'فقدان الوظيفة', 'Losing a job'],
  ['retirement', 'التقاعد', 'Retiring'],
  ['death', 'وفاة أحد أفراد الأسرة', 'Death of a family member'],
]);

/** Business events. */
export const businessEventTerms: CatalogTerm[] = terms('business_event', [
  ['starting-business', 'بدء نشاط تجاري', 'Starting a business'],
  ['licensing', 'الحصول على التراخيص', 'Getting licences and permits'],
  ['hiring', 'توظيف العاملين', 'Hiring staff'],
  ['paying-taxes', 'سداد الزكاة والضرائب', 'Paying zakat and taxes'],
  ['importing-exporting', 'الاستيراد والتصدير', 'Importing and exporting'],
  ['e-commerce', 'التجارة الإلكترونية', 'Selling online'],
  ['government-tenders', 'المنافسات والمشتريات الحكومية', 'Government tenders and procurement'],
  ['expanding', 'توسعة النشاط', 'Expanding a business'],
  ['foreign-investment', 'الاستثمار الأجنبي', 'Foreign investment'],
  ['closing-business', 'إغلاق نشاط تجاري', 'Closing a business'],
]);

/** Every managed term, categories first. */
export const catalogTerms: CatalogTerm[] = [...categoryTerms, ...lifeEventTerms, ...businessEventTerms];
