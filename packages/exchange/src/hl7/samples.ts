// Synthetic ADT^A03 messages (IHE PAM France) for tests, the bench and the README: Philippe Marchand leaves the
// addiction unit of a fictional Roubaix hospital after an alcohol withdrawal.

export interface SampleOptions {
  controlId?: string;
  /** Replaces whole segments by name (`undefined` value removes the segment). */
  segments?: Record<string, string | undefined>;
  stay?: string;
  ins?: string;
  ipp?: string;
  discharge?: string;
}

/** An ADT^A03 message, segments joined with CR. */
export function sampleA03(options: SampleOptions = {}): string {
  const id = options.controlId ?? 'MSG-0001';
  const ins = options.ins ?? '161095951204817';
  const ipp = options.ipp ?? 'IPP-4471203';
  const pid3 = [ins ? `${ins}^^^ASIP-SANTE-INS-NIR&1.2.250.1.213.1.4.8&ISO^INS` : '', ipp ? `${ipp}^^^CHU-ROUBAIX&1.2.250.1.71.4.2.2.590000456&ISO^PI` : '']
    .filter(Boolean)
    .join('~');
  const segments: [string, string][] = [
    ['MSH', `MSH|^~\\&|SIH-ROUBAIX|CHU-ROUBAIX^590000456^FINESS|PARCOURS|PARCOURS|20240407110500||ADT^A03^ADT_A03|${id}|P|2.5^FRA^2.10|||||FRA|UNICODE UTF-8`],
    ['EVN', 'EVN||20240407110000|||LEROY'],
    ['PID', `PID|1||${pid3}||MARCHAND^PHILIPPE^^^^^L||19610905|M|||^^Tourcoing^^^FRA^BDL^^59599`],
    ['PD1', 'PD1||||810002223334^DUBOIS^PIERRE^^^DR^^^ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO^D^^^RPPS'],
    ['PV1', `PV1|1|I|ADDICTO^^^CHU-ROUBAIX||||810004445556^LEROY^SOPHIE^^^DR^^^ASIP-SANTE-PS&1.2.250.1.71.4.2.1&ISO^D^^^RPPS||||||||||||${options.stay ?? 'SEJ-2024-118822'}^^^CHU-ROUBAIX&1.2.250.1.71.4.2.2.590000456&ISO^VN|||||||||||||||||01||||||||20240402100000|${options.discharge ?? '20240407110000'}`],
    ['ZBE', 'ZBE|MVT-99812^CHU-ROUBAIX|20240407110000||INSERT|N'],
    ['DG1', "DG1|1||F10.2^Syndrome de dépendance à l'alcool^I10|||F"],
    ['OBX', 'OBX|1|TX|SYNTHESE^Synthèse du séjour||Sevrage alcool programmé de 5 jours, sans complication.||||||F'],
    ['RXE', 'RXE|1|A11DA01^Thiamine 250 mg^ATC|250||mg|CP|^1 comprimé matin et soir pendant 1 mois'],
  ];
  return segments
    .map(([name, text]) => (options.segments && name in options.segments ? options.segments[name] : text))
    .filter((text): text is string => text !== undefined)
    .join('\r');
}
