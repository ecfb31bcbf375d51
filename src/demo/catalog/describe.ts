import type { Audience, LifecycleStatus, ServiceData } from '../../modules/catalog/catalog.schema.ts';
import type { Kind } from './types.ts';

// Bilingual descriptions of demo services, composed from the service's name, audience, platform,
// timings, fees and status. Arabic is formal MSA; English follows the same sentences.

export interface Text {
  ar: string;
  en: string;
}

/** ل before a word: "الهوية" → "للهوية", "جواز" → "لجواز". */
export function lam(word: string): string {
  return word.startsWith('ال') ? `لل${word.slice(2)}` : `ل${word}`;
}

const durationText: Record<string, [string, string]> = {
  PT15M: ['دقائق معدودة', 'a few minutes'],
  PT1H: ['ساعة واحدة', 'one hour'],
  PT4H: ['أربع ساعات', 'four hours'],
  P1D: ['يوم عمل واحد', 'one working day'],
  P2D: ['يومَي عمل', 'two working days'],
  P3D: ['ثلاثة أيام عمل', 'three working days'],
  P5D: ['خمسة أيام عمل', 'five working days'],
  P7D: ['سبعة أيام عمل', 'seven working days'],
  P10D: ['عشرة أيام عمل', 'ten working days'],
  P14D: ['أربعة عشر يوم عمل', 'fourteen working days'],
  P30D: ['ثلاثين يومًا', '30 days'],
  P60D: ['ستين يومًا', '60 days'],
  P90D: ['تسعين يومًا', '90 days'],
};

const audienceText: Record<Audience, [string, string]> = {
  citizens: ['المواطنين', 'citizens'],
  residents: ['المقيمين', 'residents'],
  businesses: ['المنشآت', 'businesses'],
  visitors: ['الزوار', 'visitors'],
  government: ['الجهات الحكومية', 'government agencies'],
};

// Names that begin with a verbal noun read naturally after "تتيح"; the others need one in front.
const MASDAR =
  /^(إصدار|تجديد|تسجيل|التسجيل|حجز|طلب|تقديم|الاستعلام|نقل|تعديل|إلغاء|تمديد|إضافة|سداد|التحقق|طباعة|الاعتراض|رفع|فسخ|إيقاف|تفعيل|إعادة|تحديث|متابعة|حساب|عرض|الاطلاع|الاشتراك|إنهاء|فتح|إغلاق|شطب|توثيق|تصديق|التصديق|استرداد|الإفصاح|الإبلاغ|تأسيس|تصفية|الدعوة|زيادة|إدخال|تأكيد|اعتماد|معادلة|ترقية|التقديم|إنشاء|تحميل|الدخول|الانسحاب|تأجيل|ترقيم|تتبع|تخليص|شراء|التظلم|المشاركة|إدراج|الترشح|إرسال|فرز|فك|حضور|استبعاد|إثبات|ضم|البحث|الحصول|الإجابة|تفويض|استبدال|تغيير|استعادة|تنازل|نشر|إسقاط|توصيل|تقييم|تحويل|دمج|تصحيح|الاحتفاظ)(\s|$)/;

export function phraseAr(name: string): string {
  if (MASDAR.test(name)) return name;
  if (/^(بلاغ|شكوى)/.test(name)) return `تقديم ${name}`;
  return `طلب ${name}`;
}

const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

function joinEn(list: string[]): string {
  return list.length <= 1 ? list.join('') : `${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}`;
}

interface DescribeInput {
  name: Text;
  kind: Kind;
  aud: Audience[];
  agency: { name_ar: string; name_en: string };
  platform: Text;
  processing?: string;
  sla?: string;
  fees: ServiceData['fees'];
  status: LifecycleStatus;
  rng: () => number;
}

export function describe(x: DescribeInput): Text {
  const audAr = x.aud.map((a) => audienceText[a][0]).join(' و');
  const audEn = joinEn(x.aud.map((a) => audienceText[a][1]));
  const phrase = phraseAr(x.name.ar);
  const verb = lcFirst(x.name.en);
  const ar: string[] = [];
  const en: string[] = [];
  const pick = Math.floor(x.rng() * 3);
  if (pick === 0) {
    // On the agency's own website, naming the agency twice would read badly.
    const ownSite = x.platform.ar.startsWith('الموقع الإلكتروني');
    const visitAr = ownSite ? 'الجهة' : x.agency.name_ar;
    const visitEn = ownSite ? 'agency' : x.agency.name_en;
    ar.push(`تتيح هذه الخدمة ${lam(audAr)} ${phrase} إلكترونيًا عبر ${x.platform.ar}، دون الحاجة إلى مراجعة مقر ${visitAr}.`);
    en.push(`This service lets ${audEn} ${verb} online through ${x.platform.en}, without visiting the ${visitEn} in person.`);
  } else if (pick === 1) {
    ar.push(`خدمة إلكترونية من ${x.agency.name_ar} تمكّن ${audAr} من ${phrase} بخطوات ميسّرة عبر ${x.platform.ar}.`);
    en.push(`An e-service from the ${x.agency.name_en} that enables ${audEn} to ${verb} in a few simple steps through ${x.platform.en}.`);
  } else {
    ar.push(`يمكن ${lam(audAr)} من خلال هذه الخدمة ${phrase} عبر ${x.platform.ar} بسهولة.`);
    en.push(`Through ${x.platform.en}, ${audEn} can ${verb} with ease.`);
  }

  const [pAr, pEn] = x.processing ? durationText[x.processing] : ['', ''];
  const [sAr, sEn] = x.sla ? durationText[x.sla] : ['', ''];
  switch (x.kind) {
    case 'info':
      ar.push('ويجري تحديث المعلومات بصورة دورية.');
      en.push('The information is updated regularly.');
      break;
    case 'inq':
      ar.push('وتظهر النتيجة فورًا.');
      en.push('Results appear instantly.');
      break;
    case 'book':
      ar.push('ويصل تأكيد الموعد برسالة نصية، ويمكن تعديله أو إلغاؤه لاحقًا.');
      en.push('The appointment is confirmed by SMS and can be changed or cancelled later.');
      break;
    case 'report':
      ar.push(`ويحصل المستفيد على رقم مرجعي لمتابعة البلاغ، ويُستهدف إغلاقه خلال ${sAr}.`);
      en.push(`A reference number is issued to follow up the report, which is targeted to be closed within ${sEn}.`);
      break;
    case 'pay':
      ar.push('وتُحدَّد المبالغ المستحقة بحسب بيانات المستفيد، ويصدر إيصال السداد فورًا.');
      en.push("Amounts due depend on the beneficiary's record, and the receipt is issued at once.");
      break;
    default:
      ar.push(`ويُنجز الطلب عادةً خلال ${pAr}.`);
      en.push(`Requests are usually completed within ${pEn}.`);
  }

  if (x.kind === 'tx' || x.kind === 'req' || x.kind === 'int') {
    const web = x.fees.find((f) => f.channel === 'web');
    const centre = x.fees.find((f) => f.channel === 'service_centre');
    const fmt = (n: number) => n.toLocaleString('en-US');
    if (x.fees.length === 0) {
      ar.push('والخدمة مجانية.');
      en.push('The service is free of charge.');
    } else if (web && centre) {
      ar.push(`وتبلغ الرسوم ${web.amount} ريال عبر القنوات الإلكترونية و${centre.amount} ريال في مراكز الخدمة.`);
      en.push(`The fee is SAR ${fmt(web.amount)} online and SAR ${fmt(centre.amount)} at service centres.`);
    } else {
      ar.push(`وتبلغ رسوم الخدمة ${x.fees[0].amount} ريال.`);
      en.push(`The service fee is SAR ${fmt(x.fees[0].amount)}.`);
    }
  }

  const statusText: Partial<Record<LifecycleStatus, [string, string]>> = {
    planned: ['الخدمة قيد التطوير، وسيُعلن عن موعد إطلاقها لاحقًا.', 'This service is under development; its launch date will be announced.'],
    beta: ['الخدمة متاحة حاليًا في نسخة تجريبية.', 'The service is currently available as a beta.'],
    suspended: ['الخدمة متوقفة مؤقتًا لأعمال التطوير.', 'The service is temporarily suspended for upgrades.'],
    retired: ['أُوقفت هذه الخدمة واستُعيض عنها بخدمات أحدث.', 'This service has been retired and replaced by newer services.'],
  };
  const st = statusText[x.status];
  if (st) {
    ar.push(st[0]);
    en.push(st[1]);
  }
  return { ar: ar.join(' '), en: en.join(' ') };
}
