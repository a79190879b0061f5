import type { MapSnapshot } from '../schema/types';
import type { StoryRecord } from '../schema/story-record';
import { escapeHtml as e, escapeMarkdown as m } from './escape';

/**
 * The report's "Stories" section (issue #18): every story the facilitator recorded, its steps in
 * order with their captions, what each reveals and its loop. Present only when the map has a
 * story. Labels come from the report's map, so notes still hidden by private mode stay out.
 */

export const STORY_SECTION = ['stories', 'Stories'] as const;

export interface ReportStoryStep {
  readonly caption: string;
  readonly reveals: readonly string[];
  readonly loop: string;
  /** True when the step plays a what-if moment. */
  readonly whatIf: boolean;
}

export interface ReportStory {
  readonly title: string;
  readonly steps: readonly ReportStoryStep[];
}

export function reportStories(map: MapSnapshot, stories: readonly StoryRecord[]): ReportStory[] {
  return stories.map((story) => ({
    title: story.title,
    steps: story.steps.map((step) => ({
      caption: step.caption,
      reveals: step.reveal
        .filter((id) => map.elements.has(id))
        .map((id) => map.elements.get(id)!.label),
      loop: step.loop?.label ?? '',
      whatIf: step.sim !== undefined,
    })),
  }));
}

const details = (s: ReportStoryStep): string[] => [
  ...(s.reveals.length ? [`reveals ${s.reveals.join(', ')}`] : []),
  ...(s.loop ? [`loop ${s.loop}`] : []),
  ...(s.whatIf ? ['a what-if moment'] : []),
];

export function storiesHtml(stories: readonly ReportStory[]): string {
  if (stories.length === 0) return '';
  const out = [`<section id="${STORY_SECTION[0]}"><h2>${STORY_SECTION[1]}</h2>`];
  for (const story of stories) {
    out.push(`<h3>${e(story.title)} <span class="muted">(${story.steps.length} steps)</span></h3>`);
    if (story.steps.length === 0) out.push('<p class="empty">No steps recorded.</p>');
    else {
      out.push('<ol>');
      for (const step of story.steps) {
        const more = details(step);
        out.push(
          `<li>${step.caption ? e(step.caption) : '<span class="muted">(no caption)</span>'}${more.length ? ` <span class="muted">(${e(more.join('; '))})</span>` : ''}</li>`,
        );
      }
      out.push('</ol>');
    }
  }
  out.push('</section>');
  return out.join('\n');
}

export function storiesMarkdown(stories: readonly ReportStory[]): string[] {
  if (stories.length === 0) return [];
  const out = [`## ${STORY_SECTION[1]}`, ''];
  for (const story of stories) {
    out.push(`### ${m(story.title)} (${story.steps.length} steps)`, '');
    if (story.steps.length === 0) out.push('_No steps recorded._', '');
    else {
      story.steps.forEach((step, i) => {
        const more = details(step);
        out.push(
          `${i + 1}. ${step.caption ? m(step.caption) : '_(no caption)_'}${more.length ? ` (${m(more.join('; '))})` : ''}`,
        );
      });
      out.push('');
    }
  }
  return out;
}
