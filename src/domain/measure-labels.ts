import type { Measure } from './types.js';

/** Dutch names of the court measures, for the case card and the inzage export. */
export const MEASURE_LABELS: Record<Measure, string> = {
  OTS: 'Ondertoezichtstelling (OTS)',
  VOORLOPIGE_OTS: 'Voorlopige OTS',
  MUHP: 'Machtiging uithuisplaatsing',
  VOOGDIJ: 'Voogdij',
};
