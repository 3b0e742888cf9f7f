/**
 * Country spellings that `i18n-iso-countries` does not know in English, found in real customer files. Keys are
 * lower-case. Checked against every value of the Online Retail data set's `Country` column
 * (`cut -d, -f8 online_retail.csv | sort | uniq -c`): 38 values, of which these need help —
 *
 * | value in the file      | rows    | becomes  | why                                                            |
 * |------------------------|---------|----------|----------------------------------------------------------------|
 * | EIRE                   | 8,196   | IE       | the Irish-language name of Ireland, used by UK retailers       |
 * | RSA                    | 58      | ZA       | "Republic of South Africa"                                     |
 * | USA                    | 291     | US       | (alpha-3, handled by the library)                              |
 * | Unspecified            | 446     | no value | a placeholder, not a country: the trait is left out            |
 * | Channel Islands        | 758     | refused  | Jersey (JE) and Guernsey (GG) are two ISO countries            |
 * | European Community     | 61      | refused  | not a country                                                  |
 *
 * The other 32 values (United Kingdom, France, Germany, Czech Republic, Hong Kong, …) are English names the
 * library maps itself. What an import does with a refused country is decided by the importer, not here.
 */
export const COUNTRY_ALIASES: ReadonlyMap<string, string> = new Map([
  ['eire', 'IE'],
  ['rsa', 'ZA'],
  ['uk', 'GB'],
  ['u.k.', 'GB'],
  ['britain', 'GB'],
  ['england', 'GB'],
  ['scotland', 'GB'],
  ['wales', 'GB'],
  ['northern ireland', 'GB'],
  ['holland', 'NL'],
  ['the bahamas', 'BS'],
  ['burma', 'MM'],
  ['viet nam', 'VN'],
  ['macedonia', 'MK'],
  ['swaziland', 'SZ'],
]);

/** Values that say "we do not know the country": cleaned to no value rather than refused. */
export const UNKNOWN_COUNTRY_MARKERS: ReadonlySet<string> = new Set([
  'unspecified',
  'unknown',
  'n/a',
  'none',
  '-',
  '?',
]);

/** Regions that look like countries but have no single ISO 3166-1 code: refused with this explanation. */
export const NOT_A_COUNTRY: ReadonlyMap<string, string> = new Map([
  ['channel islands', 'Jersey (JE) and Guernsey (GG) are separate ISO countries'],
  ['european community', 'a union of countries, not one country'],
  ['european union', 'a union of countries, not one country'],
]);
