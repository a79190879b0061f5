/** Meadows' places to intervene: the vocabulary lives with the schema's other vocabularies. */
export { MEADOWS_LEVELS, meadowsLevel, type MeadowsLevel } from '../schema/vocab/meadows';
