import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  describePersonalDataKinds,
  findPersonalData,
  personalDataRefusal,
  type PersonalDataKind,
} from '../../src/domain/personal-data-guard.js';

// The test computes the 11-proef itself, so a bug in the guard's version cannot hide behind it.
const elevenProofSum = (d: readonly number[]) => d.slice(0, 8).reduce((s, x, i) => s + (9 - i) * x, 0) - d[8]!;
const passes = (d: readonly number[]) => elevenProofSum(d) % 11 === 0 && d.some((x) => x !== 0);

const digit = fc.integer({ min: 0, max: 9 });
const validBsnDigits = fc
  .array(digit, { minLength: 8, maxLength: 8 })
  .map((head) => [...head, head.reduce((s, x, i) => s + (9 - i) * x, 0) % 11])
  .filter((d) => d[8]! <= 9 && passes(d));
const invalidBsnDigits = fc.array(digit, { minLength: 9, maxLength: 9 }).filter((d) => !passes(d));

const formatBsn = (d: readonly number[], style: number) => {
  const s = d.join('');
  if (style === 1) return `${s.slice(0, 4)}.${s.slice(4, 6)}.${s.slice(6)}`;
  if (style === 2) return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6)}`;
  return s;
};

const filler = fc.array(
  fc.constantFrom(
    'de',
    'casus',
    'CG-ARN-2026-0001',
    'overleg',
    'morgen',
    '5',
    'werkdagen',
    'L2',
    'T6',
    'team',
    'overdracht',
    'besproken',
    'met',
    'het',
    'wijkteam',
    '2026',
    'om',
    '10.00',
    'uur',
    'en',
    'is',
    'gezin',
    'graag',
    'voor',
    'vrijdag',
  ),
  { maxLength: 8 },
);
const embed = (value: fc.Arbitrary<string>) =>
  fc.tuple(filler, value, filler).map(([before, v, after]) => ({ value: v, text: [...before, v, ...after].join(' ') }));

const digits = (n: number) => fc.array(digit, { minLength: n, maxLength: n }).map((d) => d.join(''));
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}$/),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}$/),
    fc.constantFrom('nl', 'com', 'org', 'eu'),
  )
  .map(([local, domain, tld]) => `${local}@${domain}.${tld}`);
const phone = fc.oneof(
  fc
    .tuple(fc.constantFrom('06', '06-', '06 ', '+31 6 ', '+316', '0031 6 ', '+31 (0)6 '), digits(8))
    .map(([p, d]) => p + d),
  fc.tuple(fc.constantFrom('010-', '020 ', '026-', '(026) '), digits(7)).map(([p, d]) => p + d),
  fc.tuple(fc.constantFrom('0318-', '0575 '), digits(6)).map(([p, d]) => p + d),
);
const letters = fc.stringMatching(/^[A-Z]{2}$/).filter((l) => !['SA', 'SD', 'SS'].includes(l));
const postcodeWithNumber = fc
  .tuple(
    fc.integer({ min: 1000, max: 9999 }),
    letters,
    fc.boolean(),
    fc.integer({ min: 1, max: 999 }),
    fc.integer({ min: 0, max: 2 }),
  )
  .map(([n, l, spaced, nr, form]) => {
    const pc = form === 2 ? `${n}${l.toLowerCase()}` : `${n}${spaced ? ' ' : ''}${l}`;
    return form === 1 ? `Kerkstraat ${nr}, ${pc} Arnhem` : `${pc} ${nr}`;
  });

describe('findPersonalData', () => {
  it.each<[string, PersonalDataKind]>([
    ['BSN van moeder: 123456782', 'bsn'],
    ['bsn 1234.56.782 staat in het dossier', 'bsn'],
    ['kind heeft 111 222 333', 'bsn'],
    ['woont op 6811 AB 12', 'postcode_huisnummer'],
    ['adres 6811ab 3', 'postcode_huisnummer'],
    ['Kerkstraat 12a, 6811 AB Arnhem', 'postcode_huisnummer'],
    ['mail naar j.de.vries@example.nl', 'email'],
    ['bel 06-12345678', 'telefoonnummer'],
    ['0612345678', 'telefoonnummer'],
    ['+31 6 12345678', 'telefoonnummer'],
    ['026-1234567', 'telefoonnummer'],
    ['0031612345678', 'telefoonnummer'],
    ['geboren 12-03-2015', 'geboortedatum'],
    ['geb. 1/2/15', 'geboortedatum'],
    ['2015-03-12', 'geboortedatum'],
    ['op 12 maart 2015 geboren', 'geboortedatum'],
    ['sinds 3 jan. 2019', 'geboortedatum'],
    ['12.03.2015', 'geboortedatum'],
  ])('finds %j as %s', (text, kind) => {
    expect(findPersonalData(text)).toEqual([kind]);
  });

  it.each([
    'Casus CG-ARN-2026-0001 is overgedragen aan het wijkteam.',
    'Reactie binnen 5 werkdagen, anders escaleren naar L2.',
    'T6 is verlopen; overleg op 12 maart om 10.00 uur.',
    'In 2026 en 2027 telt de pilot 12 casussen.',
    'Het overleg is verplaatst van 15-03 naar 22-03.',
    'Zaaknummer 123456789 en 987654321 (geen geldig BSN).',
    'Om 09.30-10.30 uur belt de jeugdbeschermer terug.',
    'Budget € 123.456.782 voor de regio.',
    'Versie 1.2.3 van het rooster.',
  ])('leaves %j alone', (text) => {
    expect(findPersonalData(text)).toEqual([]);
  });

  it('reports each kind once, in a fixed order', () => {
    expect(findPersonalData('a@b.nl 12-03-2015 123456782 c@d.nl 06-12345678 6811 AB 1')).toEqual([
      'bsn',
      'postcode_huisnummer',
      'email',
      'telefoonnummer',
      'geboortedatum',
    ]);
  });

  it('finds every valid BSN in any format and surrounding text', () => {
    fc.assert(
      fc.property(
        embed(fc.tuple(validBsnDigits, fc.integer({ min: 0, max: 2 })).map(([d, s]) => formatBsn(d, s))),
        ({ text }) => {
          expect(findPersonalData(text)).toContain('bsn');
        },
      ),
    );
  });

  it('does not call a 9-digit number that fails the 11-proef a BSN', () => {
    fc.assert(
      fc.property(
        embed(fc.tuple(invalidBsnDigits, fc.integer({ min: 0, max: 2 })).map(([d, s]) => formatBsn(d, s))),
        ({ text }) => {
          expect(findPersonalData(text)).not.toContain('bsn');
        },
      ),
    );
  });

  it.each<[PersonalDataKind, fc.Arbitrary<string>]>([
    ['email', email],
    ['telefoonnummer', phone],
    ['postcode_huisnummer', postcodeWithNumber],
  ])('finds every generated %s', (kind, arbitrary) => {
    fc.assert(
      fc.property(embed(arbitrary), ({ text }) => {
        expect(findPersonalData(text)).toContain(kind);
      }),
    );
  });
});

describe('the refusal', () => {
  it('names the kinds in Dutch', () => {
    expect(personalDataRefusal(['bsn'])).toBe(
      'Ik heb dit niet opgeslagen: de tekst lijkt een BSN te bevatten. Gebruik alleen de casusreferentie, nooit namen, BSN, adressen of geboortedata.',
    );
    expect(describePersonalDataKinds(['geboortedatum', 'email', 'bsn'])).toBe(
      'een BSN, een e-mailadres en een geboortedatum',
    );
    expect(describePersonalDataKinds(['telefoonnummer', 'postcode_huisnummer'])).toBe(
      'een postcode met huisnummer en een telefoonnummer',
    );
    expect(describePersonalDataKinds([])).toBe('persoonsgegevens');
  });

  it('never repeats the value it refused', () => {
    const anyValue = fc.oneof(
      validBsnDigits.map((d) => d.join('')),
      email,
      phone,
      postcodeWithNumber,
    );
    fc.assert(
      fc.property(embed(anyValue), ({ value, text }) => {
        const refusal = personalDataRefusal(findPersonalData(text));
        expect(refusal).not.toContain(value);
        expect(refusal).not.toMatch(/\d|@/);
      }),
    );
  });
});
