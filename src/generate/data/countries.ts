/**
 * Where generated customers live: countries (ISO 3166-1 alpha-2) weighted like a mid-size Western web shop's
 * audience, each with a few large cities (real coordinates, IANA time zone, standard UTC offset), a locale per
 * city, a median income and the shape of a valid mobile number. Regions are state / province codes where people
 * write them that way (US, CA, AU) and English names elsewhere.
 */

export interface City {
  name: string;
  region: string;
  latitude: number;
  longitude: number;
  timezone: string;
  /** Standard-time offset from UTC in hours; daylight saving is ignored (it only shapes the hour of day). */
  utcOffsetHours: number;
  /** Relative population weight within the country. */
  weight: number;
  /** Overrides the country's locale (Montreal is French-speaking, Geneva too). */
  locale?: string;
  /** North American area codes for this city. */
  areaCodes?: readonly string[];
}

/** A mobile number: one of the national prefixes followed by `digits` random digits (NANP numbers use areaCodes). */
export interface PhonePlan {
  callingCode: string;
  prefixes: readonly string[];
  digits: number;
}

export interface Country {
  code: string;
  weight: number;
  locale: string;
  /** Median yearly household income in US dollars, for the `annual_income` trait. */
  medianIncome: number;
  phone: PhonePlan;
  cities: readonly City[];
}

const NANP_DIGITS = 7;

function city(
  name: string,
  region: string,
  latitude: number,
  longitude: number,
  timezone: string,
  utcOffsetHours: number,
  weight: number,
  extra: Pick<City, 'locale' | 'areaCodes'> = {},
): City {
  return { name, region, latitude, longitude, timezone, utcOffsetHours, weight, ...extra };
}

export const COUNTRIES: readonly Country[] = [
  {
    code: 'US',
    weight: 30,
    locale: 'en-US',
    medianIncome: 62000,
    phone: { callingCode: '1', prefixes: [], digits: NANP_DIGITS },
    cities: [
      city('New York', 'NY', 40.7128, -74.006, 'America/New_York', -5, 8.3, {
        areaCodes: ['212', '646', '718'],
      }),
      city('Los Angeles', 'CA', 34.0522, -118.2437, 'America/Los_Angeles', -8, 3.9, {
        areaCodes: ['213', '310'],
      }),
      city('Chicago', 'IL', 41.8781, -87.6298, 'America/Chicago', -6, 2.7, { areaCodes: ['312', '773'] }),
      city('Houston', 'TX', 29.7604, -95.3698, 'America/Chicago', -6, 2.3, { areaCodes: ['713', '832'] }),
      city('Phoenix', 'AZ', 33.4484, -112.074, 'America/Phoenix', -7, 1.6, { areaCodes: ['602', '480'] }),
      city('Philadelphia', 'PA', 39.9526, -75.1652, 'America/New_York', -5, 1.6, {
        areaCodes: ['215', '267'],
      }),
      city('San Francisco', 'CA', 37.7749, -122.4194, 'America/Los_Angeles', -8, 0.9, { areaCodes: ['415'] }),
      city('Seattle', 'WA', 47.6062, -122.3321, 'America/Los_Angeles', -8, 0.8, { areaCodes: ['206'] }),
      city('Denver', 'CO', 39.7392, -104.9903, 'America/Denver', -7, 0.7, { areaCodes: ['303', '720'] }),
      city('Boston', 'MA', 42.3601, -71.0589, 'America/New_York', -5, 0.7, { areaCodes: ['617', '857'] }),
      city('Atlanta', 'GA', 33.749, -84.388, 'America/New_York', -5, 0.5, { areaCodes: ['404', '678'] }),
      city('Miami', 'FL', 25.7617, -80.1918, 'America/New_York', -5, 0.5, { areaCodes: ['305', '786'] }),
      city('Austin', 'TX', 30.2672, -97.7431, 'America/Chicago', -6, 1, { areaCodes: ['512', '737'] }),
      city('Minneapolis', 'MN', 44.9778, -93.265, 'America/Chicago', -6, 0.4, { areaCodes: ['612'] }),
    ],
  },
  {
    code: 'GB',
    weight: 12,
    locale: 'en-GB',
    medianIncome: 45000,
    phone: { callingCode: '44', prefixes: ['74', '75', '78'], digits: 8 },
    cities: [
      city('London', 'England', 51.5074, -0.1278, 'Europe/London', 0, 9),
      city('Birmingham', 'England', 52.4862, -1.8904, 'Europe/London', 0, 1.1),
      city('Manchester', 'England', 53.4808, -2.2426, 'Europe/London', 0, 0.6),
      city('Leeds', 'England', 53.8008, -1.5491, 'Europe/London', 0, 0.8),
      city('Glasgow', 'Scotland', 55.8642, -4.2518, 'Europe/London', 0, 0.6),
      city('Edinburgh', 'Scotland', 55.9533, -3.1883, 'Europe/London', 0, 0.5),
      city('Bristol', 'England', 51.4545, -2.5879, 'Europe/London', 0, 0.5),
      city('Liverpool', 'England', 53.4084, -2.9916, 'Europe/London', 0, 0.5),
      city('Cardiff', 'Wales', 51.4816, -3.1791, 'Europe/London', 0, 0.4),
      city('Belfast', 'Northern Ireland', 54.5973, -5.9301, 'Europe/London', 0, 0.3),
    ],
  },
  {
    code: 'DE',
    weight: 12,
    locale: 'de-DE',
    medianIncome: 48000,
    phone: {
      callingCode: '49',
      prefixes: ['151', '152', '157', '160', '162', '170', '171', '172', '175', '176'],
      digits: 8,
    },
    cities: [
      city('Berlin', 'Berlin', 52.52, 13.405, 'Europe/Berlin', 1, 3.7),
      city('Hamburg', 'Hamburg', 53.5511, 9.9937, 'Europe/Berlin', 1, 1.9),
      city('München', 'Bavaria', 48.1351, 11.582, 'Europe/Berlin', 1, 1.5),
      city('Köln', 'North Rhine-Westphalia', 50.9375, 6.9603, 'Europe/Berlin', 1, 1.1),
      city('Frankfurt am Main', 'Hesse', 50.1109, 8.6821, 'Europe/Berlin', 1, 0.8),
      city('Stuttgart', 'Baden-Württemberg', 48.7758, 9.1829, 'Europe/Berlin', 1, 0.6),
      city('Düsseldorf', 'North Rhine-Westphalia', 51.2277, 6.7735, 'Europe/Berlin', 1, 0.6),
      city('Leipzig', 'Saxony', 51.3397, 12.3731, 'Europe/Berlin', 1, 0.6),
      city('Dresden', 'Saxony', 51.0504, 13.7373, 'Europe/Berlin', 1, 0.6),
    ],
  },
  {
    code: 'FR',
    weight: 8,
    locale: 'fr-FR',
    medianIncome: 42000,
    phone: {
      callingCode: '33',
      prefixes: ['60', '61', '62', '64', '65', '66', '67', '68', '76', '77', '78'],
      digits: 7,
    },
    cities: [
      city('Paris', 'Île-de-France', 48.8566, 2.3522, 'Europe/Paris', 1, 2.2),
      city('Marseille', "Provence-Alpes-Côte d'Azur", 43.2965, 5.3698, 'Europe/Paris', 1, 0.9),
      city('Lyon', 'Auvergne-Rhône-Alpes', 45.764, 4.8357, 'Europe/Paris', 1, 0.5),
      city('Toulouse', 'Occitanie', 43.6047, 1.4442, 'Europe/Paris', 1, 0.5),
      city('Nice', "Provence-Alpes-Côte d'Azur", 43.7102, 7.262, 'Europe/Paris', 1, 0.3),
      city('Nantes', 'Pays de la Loire', 47.2184, -1.5536, 'Europe/Paris', 1, 0.3),
      city('Bordeaux', 'Nouvelle-Aquitaine', 44.8378, -0.5792, 'Europe/Paris', 1, 0.3),
      city('Lille', 'Hauts-de-France', 50.6292, 3.0573, 'Europe/Paris', 1, 0.2),
      city('Strasbourg', 'Grand Est', 48.5734, 7.7521, 'Europe/Paris', 1, 0.3),
    ],
  },
  {
    code: 'AT',
    weight: 4,
    locale: 'de-AT',
    medianIncome: 47000,
    phone: { callingCode: '43', prefixes: ['664', '650', '660', '676', '699'], digits: 7 },
    cities: [
      city('Wien', 'Vienna', 48.2082, 16.3738, 'Europe/Vienna', 1, 1.9),
      city('Graz', 'Styria', 47.0707, 15.4395, 'Europe/Vienna', 1, 0.3),
      city('Linz', 'Upper Austria', 48.3069, 14.2858, 'Europe/Vienna', 1, 0.2),
      city('Salzburg', 'Salzburg', 47.8095, 13.055, 'Europe/Vienna', 1, 0.15),
      city('Innsbruck', 'Tyrol', 47.2692, 11.4041, 'Europe/Vienna', 1, 0.13),
    ],
  },
  {
    code: 'NL',
    weight: 5,
    locale: 'nl-NL',
    medianIncome: 50000,
    phone: { callingCode: '31', prefixes: ['61', '62', '64', '65'], digits: 7 },
    cities: [
      city('Amsterdam', 'North Holland', 52.3676, 4.9041, 'Europe/Amsterdam', 1, 0.9),
      city('Rotterdam', 'South Holland', 51.9244, 4.4777, 'Europe/Amsterdam', 1, 0.65),
      city('Den Haag', 'South Holland', 52.0705, 4.3007, 'Europe/Amsterdam', 1, 0.55),
      city('Utrecht', 'Utrecht', 52.0907, 5.1214, 'Europe/Amsterdam', 1, 0.36),
      city('Eindhoven', 'North Brabant', 51.4416, 5.4697, 'Europe/Amsterdam', 1, 0.24),
      city('Groningen', 'Groningen', 53.2194, 6.5665, 'Europe/Amsterdam', 1, 0.23),
    ],
  },
  {
    code: 'ES',
    weight: 6,
    locale: 'es-ES',
    medianIncome: 33000,
    phone: { callingCode: '34', prefixes: ['6'], digits: 8 },
    cities: [
      city('Madrid', 'Community of Madrid', 40.4168, -3.7038, 'Europe/Madrid', 1, 3.3),
      city('Barcelona', 'Catalonia', 41.3851, 2.1734, 'Europe/Madrid', 1, 1.6),
      city('Valencia', 'Valencian Community', 39.4699, -0.3763, 'Europe/Madrid', 1, 0.8),
      city('Sevilla', 'Andalusia', 37.3891, -5.9845, 'Europe/Madrid', 1, 0.7),
      city('Zaragoza', 'Aragon', 41.6488, -0.8891, 'Europe/Madrid', 1, 0.7),
      city('Málaga', 'Andalusia', 36.7213, -4.4214, 'Europe/Madrid', 1, 0.6),
      city('Bilbao', 'Basque Country', 43.263, -2.935, 'Europe/Madrid', 1, 0.35),
    ],
  },
  {
    code: 'IT',
    weight: 6,
    locale: 'it-IT',
    medianIncome: 36000,
    phone: {
      callingCode: '39',
      prefixes: ['320', '328', '333', '338', '340', '347', '349', '366', '380', '393'],
      digits: 7,
    },
    cities: [
      city('Roma', 'Lazio', 41.9028, 12.4964, 'Europe/Rome', 1, 2.8),
      city('Milano', 'Lombardy', 45.4642, 9.19, 'Europe/Rome', 1, 1.4),
      city('Napoli', 'Campania', 40.8518, 14.2681, 'Europe/Rome', 1, 0.9),
      city('Torino', 'Piedmont', 45.0703, 7.6869, 'Europe/Rome', 1, 0.85),
      city('Palermo', 'Sicily', 38.1157, 13.3615, 'Europe/Rome', 1, 0.65),
      city('Bologna', 'Emilia-Romagna', 44.4949, 11.3426, 'Europe/Rome', 1, 0.39),
      city('Firenze', 'Tuscany', 43.7696, 11.2558, 'Europe/Rome', 1, 0.37),
    ],
  },
  {
    code: 'CA',
    weight: 6,
    locale: 'en-CA',
    medianIncome: 55000,
    phone: { callingCode: '1', prefixes: [], digits: NANP_DIGITS },
    cities: [
      city('Toronto', 'ON', 43.6532, -79.3832, 'America/Toronto', -5, 2.8, { areaCodes: ['416', '647'] }),
      city('Montréal', 'QC', 45.5017, -73.5673, 'America/Toronto', -5, 1.8, {
        areaCodes: ['514', '438'],
        locale: 'fr-CA',
      }),
      city('Vancouver', 'BC', 49.2827, -123.1207, 'America/Vancouver', -8, 0.7, {
        areaCodes: ['604', '778'],
      }),
      city('Calgary', 'AB', 51.0447, -114.0719, 'America/Edmonton', -7, 1.3, { areaCodes: ['403', '587'] }),
      city('Ottawa', 'ON', 45.4215, -75.6972, 'America/Toronto', -5, 1, { areaCodes: ['613'] }),
      city('Edmonton', 'AB', 53.5461, -113.4938, 'America/Edmonton', -7, 1, { areaCodes: ['780'] }),
    ],
  },
  {
    code: 'AU',
    weight: 5,
    locale: 'en-AU',
    medianIncome: 58000,
    phone: { callingCode: '61', prefixes: ['40', '41', '42', '43'], digits: 7 },
    cities: [
      city('Sydney', 'NSW', -33.8688, 151.2093, 'Australia/Sydney', 10, 5.3),
      city('Melbourne', 'VIC', -37.8136, 144.9631, 'Australia/Melbourne', 10, 5),
      city('Brisbane', 'QLD', -27.4698, 153.0251, 'Australia/Brisbane', 10, 2.6),
      city('Perth', 'WA', -31.9505, 115.8605, 'Australia/Perth', 8, 2.1),
      city('Adelaide', 'SA', -34.9285, 138.6007, 'Australia/Adelaide', 9.5, 1.4),
    ],
  },
  {
    code: 'CH',
    weight: 2,
    locale: 'de-CH',
    medianIncome: 75000,
    phone: { callingCode: '41', prefixes: ['76', '77', '78', '79'], digits: 7 },
    cities: [
      city('Zürich', 'Zurich', 47.3769, 8.5417, 'Europe/Zurich', 1, 0.42),
      city('Genève', 'Geneva', 46.2044, 6.1432, 'Europe/Zurich', 1, 0.2, { locale: 'fr-CH' }),
      city('Basel', 'Basel-Stadt', 47.5596, 7.5886, 'Europe/Zurich', 1, 0.18),
      city('Bern', 'Bern', 46.948, 7.4474, 'Europe/Zurich', 1, 0.14),
      city('Lausanne', 'Vaud', 46.5197, 6.6323, 'Europe/Zurich', 1, 0.14, { locale: 'fr-CH' }),
    ],
  },
  {
    code: 'SE',
    weight: 2,
    locale: 'sv-SE',
    medianIncome: 46000,
    phone: { callingCode: '46', prefixes: ['70', '72', '73', '76'], digits: 7 },
    cities: [
      city('Stockholm', 'Stockholm County', 59.3293, 18.0686, 'Europe/Stockholm', 1, 1),
      city('Göteborg', 'Västra Götaland', 57.7089, 11.9746, 'Europe/Stockholm', 1, 0.58),
      city('Malmö', 'Skåne', 55.605, 13.0038, 'Europe/Stockholm', 1, 0.35),
      city('Uppsala', 'Uppsala County', 59.8586, 17.6389, 'Europe/Stockholm', 1, 0.24),
    ],
  },
  {
    code: 'IE',
    weight: 1.5,
    locale: 'en-IE',
    medianIncome: 52000,
    phone: { callingCode: '353', prefixes: ['83', '85', '86', '87', '89'], digits: 7 },
    cities: [
      city('Dublin', 'Leinster', 53.3498, -6.2603, 'Europe/Dublin', 0, 1.2),
      city('Cork', 'Munster', 51.8985, -8.4756, 'Europe/Dublin', 0, 0.21),
      city('Galway', 'Connacht', 53.2707, -9.0568, 'Europe/Dublin', 0, 0.08),
      city('Limerick', 'Munster', 52.6638, -8.6267, 'Europe/Dublin', 0, 0.09),
    ],
  },
  {
    code: 'BE',
    weight: 2,
    locale: 'nl-BE',
    medianIncome: 45000,
    phone: { callingCode: '32', prefixes: ['47', '48', '49'], digits: 7 },
    cities: [
      city('Brussels', 'Brussels-Capital', 50.8503, 4.3517, 'Europe/Brussels', 1, 1.2, { locale: 'fr-BE' }),
      city('Antwerpen', 'Flanders', 51.2194, 4.4025, 'Europe/Brussels', 1, 0.53),
      city('Gent', 'Flanders', 51.0543, 3.7174, 'Europe/Brussels', 1, 0.26),
      city('Liège', 'Wallonia', 50.6326, 5.5797, 'Europe/Brussels', 1, 0.2, { locale: 'fr-BE' }),
    ],
  },
  {
    code: 'PL',
    weight: 2.5,
    locale: 'pl-PL',
    medianIncome: 24000,
    phone: {
      callingCode: '48',
      prefixes: ['50', '51', '53', '57', '60', '66', '69', '72', '78', '79', '88'],
      digits: 7,
    },
    cities: [
      city('Warszawa', 'Masovian', 52.2297, 21.0122, 'Europe/Warsaw', 1, 1.8),
      city('Kraków', 'Lesser Poland', 50.0647, 19.945, 'Europe/Warsaw', 1, 0.78),
      city('Wrocław', 'Lower Silesian', 51.1079, 17.0385, 'Europe/Warsaw', 1, 0.64),
      city('Gdańsk', 'Pomeranian', 54.352, 18.6466, 'Europe/Warsaw', 1, 0.47),
      city('Poznań', 'Greater Poland', 52.4064, 16.9252, 'Europe/Warsaw', 1, 0.53),
    ],
  },
];
