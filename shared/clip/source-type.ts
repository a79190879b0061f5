/** The sources of a page's type, highest first: citation_*, eprints, PRISM, DC, JSON-LD, og:*. */
import { DC, type Source } from './metadata-sources';
import type { Reader } from './page-reader';
import type { SourceType } from './types';

function highwireType(r: Reader): SourceType | undefined {
  if (!r.has('citation_')) return undefined;
  if (r.first('citation_arxiv_id') !== undefined) return 'preprint';
  if (
    r.first('citation_technical_report_institution', 'citation_technical_report_number') !==
    undefined
  )
    return 'report';
  if (r.first('citation_dissertation_institution') !== undefined) return 'thesis';
  if (r.first('citation_conference_title', 'citation_conference') !== undefined)
    return 'paper-conference';
  if (r.first('citation_journal_title', 'citation_journal_abbrev', 'citation_issn') !== undefined)
    return 'scholarly-article';
  if (r.first('citation_book_title', 'citation_isbn') !== undefined) return 'book';
  if (r.first('citation_title') !== undefined) return 'scholarly-article';
  return undefined;
}

/** A type from a free-text vocabulary value (eprints.type, prism.aggregationType, DC.type). */
function typeFromWord(raw: string): SourceType | undefined {
  const w = raw.trim().toLowerCase();
  if (/preprint|working.?paper/.test(w)) return 'preprint';
  if (/conference/.test(w)) return 'paper-conference';
  if (/thesis|dissertation/.test(w)) return 'thesis';
  if (/report|monograph/.test(w)) return 'report';
  if (/journal|scholarly/.test(w)) return 'scholarly-article';
  if (/newspaper|news/.test(w)) return 'news-article';
  if (/blog/.test(w)) return 'blog-post';
  if (/^article$/.test(w)) return 'article';
  if (/book/.test(w)) return 'book';
  if (/dataset/.test(w)) return 'dataset';
  if (/moving ?image|video/.test(w)) return 'video';
  if (/^(still ?)?image$|photograph/.test(w)) return 'image';
  return undefined;
}

function ogType(raw: string): SourceType | undefined {
  const t = raw.trim().toLowerCase();
  if (t === 'article') return 'article';
  if (t.startsWith('video')) return 'video';
  if (t === 'book') return 'book';
  if (t === 'website' || t === 'profile') return 'webpage';
  return undefined;
}

export const TYPE: readonly Source<SourceType>[] = [
  ['citation_*', highwireType],
  ['eprints.type', (r) => typeFromWord(r.first('eprints.type') ?? '')],
  ['prism.aggregationtype', (r) => typeFromWord(r.first('prism.aggregationtype') ?? '')],
  [
    'dc.type',
    (r) =>
      DC('type')
        .flatMap((k) => r.all(k))
        .map(typeFromWord)
        .find((t) => t !== undefined),
  ],
  ['json-ld', (r) => r.jsonLd().sourceType],
  ['og:type', (r) => ogType(r.first('og:type') ?? '')],
  [
    'og:video',
    (r) =>
      r.first('og:video', 'og:video:url', 'og:video:secure_url') !== undefined
        ? 'video'
        : undefined,
  ],
];
