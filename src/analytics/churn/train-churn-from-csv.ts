import { csvTrainingOptionsSchema } from './churn-options-schema.ts';
import type { CsvTrainingInput } from './churn-options-schema.ts';
import { parseOrThrow } from '../../schema/parse-or-throw.ts';
import { readCsvRecords } from './read-csv-records.ts';
import { trainChurnModel } from './train-churn-model.ts';
import type { TrainedChurnModel } from './train-churn-model.ts';

/**
 * `segmint churn train --csv FILE --label-column Churn --positive Yes --id-column customerID`: reads a labelled CSV
 * (one row per customer, header row first), detects each column's kind and trains as `trainChurnModel` does.
 */
export async function trainChurnFromCsv(input: CsvTrainingInput): Promise<TrainedChurnModel> {
  const { file, delimiter, ...options } = parseOrThrow(
    csvTrainingOptionsSchema,
    input,
    'churn training options',
  );
  const records = await readCsvRecords({ file, delimiter });
  return trainChurnModel({ records, ...options });
}
