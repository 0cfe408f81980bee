// The streak heatmap, from the store to the pixels: a member in Auckland,
// where the local day and the UTC day differ, is active at 08:00 local
// (the previous UTC day) for a week, misses a day a freeze covers, and does
// two things late on the next. The data and the decoded picture agree.
import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { heatmapCell } from '../../src/cards/heatmap.ts';
import { renderCard } from '../../src/cards/render.ts';
import { THEMES } from '../../src/cards/theme.ts';
import { findGroup } from '../../src/domain/groups.ts';
import { activityHeatmap, frozenDays } from '../../src/domain/heatmap.ts';
import { resolveCommunity, resolveMember } from '../../src/domain/community.ts';
import { daysBetween } from '../../src/domain/time.ts';
import { groupChat } from '../helpers/chat.ts';
import { readPng } from '../helpers/png.ts';

const zone = 'Pacific/Auckland';
const at = (local: string) => DateTime.fromISO(local, { zone }).toUTC().toISO()!;

describe('streak heatmap', () => {
  it("colours the member's local days, not UTC days, and gives a frozen day its own colour", async () => {
    const c = await groupChat({ timezone: zone, now: at('2026-05-04T08:00') });
    await c.say('/group mentor add @mentor');
    await c.say('@kiri /roadmap start');
    for (let day = 4; day <= 10; day++) {
      c.app.clock.set(at(`2026-05-${String(day).padStart(2, '0')}T08:00`));
      const s = await c.say(`@kiri /challenge submit task:data-project attempt ${day}`);
      const id = /#(\d+)/.exec(s.text)![1];
      await c.say(`@mentor /review changes ${id} again`);
    }
    // 2026-05-11 passes with nothing: the freeze earned after 7 days covers it.
    c.app.clock.set(at('2026-05-12T23:30'));
    await c.say('@kiri /challenge submit task:data-project late');
    await c.say('@kiri /roadmap done http');
    c.app.clock.set(at('2026-05-13T10:00'));

    const community = await resolveCommunity(c.app.deps, 'shell', 'c1');
    const group = (await findGroup(c.app.deps, community.id, 'study'))!;
    const kiri = await resolveMember(c.app.deps, community, 'kiri', 'kiri');
    const h = await activityHeatmap(c.app.deps, group, kiri.id);
    const day = (date: string) => h.days.find((d) => d.date === date)!;
    expect(h.today).toBe('2026-05-13');
    expect(h.days).toHaveLength(51 * 7 + 3); // 51 whole weeks and this week's Monday to Wednesday
    expect(h.start).toBe('2025-05-19');
    expect(day('2026-05-03')).toEqual({ date: '2026-05-03', count: 0, frozen: false }); // the first activity's UTC date
    expect(day('2026-05-04')).toEqual({ date: '2026-05-04', count: 1, frozen: false });
    expect(day('2026-05-11')).toEqual({ date: '2026-05-11', count: 0, frozen: true });
    expect(day('2026-05-12')).toEqual({ date: '2026-05-12', count: 2, frozen: false });
    expect(day('2026-05-13')).toEqual({ date: '2026-05-13', count: 0, frozen: false });
    expect([h.activeDays, h.current, h.longest, h.freezes]).toEqual([8, 8, 8, 0]);

    for (const theme of ['light', 'dark'] as const) {
      const p = await readPng(await renderCard('heatmap', { ...h, name: 'kiri' }, theme));
      const colour = (date: string) => {
        const cell = heatmapCell(daysBetween(h.start, date));
        return p.at(cell.x + cell.size / 2, cell.y + cell.size / 2);
      };
      const t = THEMES[theme];
      expect(colour('2026-05-03')).toBe(t.heat[0]);
      expect(colour('2026-05-04')).toBe(t.heat[1]);
      expect(colour('2026-05-10')).toBe(t.heat[1]);
      expect(colour('2026-05-11')).toBe(t.frozen);
      expect(colour('2026-05-12')).toBe(t.heat[2]);
      expect(colour('2026-05-13')).toBe(t.heat[0]);
      expect(new Set([t.frozen, ...t.heat]).size).toBe(6);
    }
  });

  it('marks no day frozen when the gap was longer than the banked freezes (the streak broke)', () => {
    const week = ['2026-01-01', '2026-01-02', '2026-01-03', '2026-01-04', '2026-01-05', '2026-01-06', '2026-01-07'];
    expect([...frozenDays([...week, '2026-01-09'], '2026-01-09')]).toEqual(['2026-01-08']);
    expect([...frozenDays([...week, '2026-01-10'], '2026-01-10')]).toEqual([]);
    // Up to today: yesterday is covered while a freeze is banked; today is never missed yet.
    expect([...frozenDays(week, '2026-01-09')]).toEqual(['2026-01-08']);
  });
});
