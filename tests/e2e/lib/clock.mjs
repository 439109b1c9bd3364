// The calendar the end-to-end tests run on: every test edge that talks to the sandbox gets
// `TEST_CLOCK` (edge/src/clock.rs), and every browser page the same instant, so a test sees the
// same cutoffs, departure days and sentences whatever day CI runs on.
//
// `E2E_CLOCK` names one of INSTANTS (default `wednesday`). `./x test` runs the time-sensitive files
// again at the others (`./x test-clocks`); what differs between instants is written here, per
// instant, as exact expectations, never computed by copying the edge's rules.

/**
 * The instants tests can run at. `soonerOfEqualPrice`: of the test shop's two options to NO 0150
 * for 5 kg at the same price, Bring 5800 (from Oslo, one working day) and PostNord home (from
 * Solna, two), the one delivered sooner, which the answer lists first: Bring, unless Bring
 * cannot ship that day while PostNord can. `postplusEarliest` and `postplusCutoff`: the KSS test shop's
 * PostPlus home option to NO (`delivery_days` 1–2, cutoff 23:59 Oslo, lib/kss-client.mjs) as
 * KSS's `delivery_time.interval.earliest` and `cutoff`: its own days and today's cutoff when the
 * parcel leaves today; one day more and no cutoff when it leaves on the next working day.
 */
export const INSTANTS = Object.freeze({
  // A working day, before every cutoff.
  wednesday: { now: '2026-11-25T10:00:00+01:00', soonerOfEqualPrice: 'bring-5800', postplusEarliest: '1', postplusCutoff: '2026-11-25T23:59:00+01:00' },
  // A weekend: everything leaves on Monday.
  saturday: { now: '2026-12-05T10:00:00+01:00', soonerOfEqualPrice: 'bring-5800', postplusEarliest: '2', postplusCutoff: undefined },
  // Past every cutoff of the test shop (the latest is 23:59), half a minute before midnight.
  'friday-late': { now: '2026-11-27T23:59:30+01:00', soonerOfEqualPrice: 'bring-5800', postplusEarliest: '2', postplusCutoff: undefined },
  // The night Europe moves its clocks forward (02:00 CET → 03:00 CEST on Sunday 28 March 2027),
  // which is Easter Sunday too: the next working day is Tuesday, after Easter Monday.
  'dst-night': { now: '2027-03-28T01:30:00+01:00', soonerOfEqualPrice: 'bring-5800', postplusEarliest: '2', postplusCutoff: undefined },
  // A public holiday on a weekday: Norway's Constitution Day, Monday 17 May 2027. Nothing leaves
  // the shop in Oslo that day (Bring and PostPlus ship on Tuesday), while PostNord's warehouse in
  // Sweden works: PostNord's Wednesday morning comes before Bring's Wednesday noon.
  'holiday': { now: '2027-05-17T10:00:00+02:00', soonerOfEqualPrice: 'postnord-home', postplusEarliest: '2', postplusCutoff: undefined },
});

/** The name of the instant this test process runs at. */
export const CLOCK_NAME = process.env.E2E_CLOCK || 'wednesday';

if (!Object.hasOwn(INSTANTS, CLOCK_NAME)) {
  throw new Error(`E2E_CLOCK=${CLOCK_NAME} is not one of ${Object.keys(INSTANTS).join(', ')}`);
}

/** This process's instant and what the tests expect at it. */
export const CLOCK = INSTANTS[CLOCK_NAME];

/** The `TEST_CLOCK` var for an edge whose carriers are the sandbox. */
export const clockVars = () => ({ TEST_CLOCK: CLOCK.now });
