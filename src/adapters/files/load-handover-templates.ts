import { DEFAULT_HANDOVER_TEMPLATES_FILE } from '../../config.js';
import { parseHandoverTemplates, type HandoverTemplates } from '../../domain/handover-templates.js';
import { readJsonFile } from './read-json-file.js';

export function loadHandoverTemplates(path = DEFAULT_HANDOVER_TEMPLATES_FILE): HandoverTemplates {
  const result = parseHandoverTemplates(readJsonFile(path, 'Overdrachtssjablonen'));
  if ('problems' in result)
    throw new Error(`Overdrachtssjablonen ongeldig (${path}):\n${result.problems.map((p) => `  - ${p}`).join('\n')}`);
  return result.templates;
}
