/**
 * The published PLIE figures of the national report "Consolidation des PLIE 2017" beyond Table 1, copied from
 * `shared/reference/` (plie-2014-2017-headline.csv, plie-2017-table4/5/6/7/10, plie-2014-2017-table6bis): what the
 * team's dataset reproduces where the report is consistent with itself.
 */

/** Table 1BIS: entries, positive exits (of which employment) and exits without follow-up of each year. */
export const PLIE_YEARS = {
  2014: { entries: 34633, positiveExits: 14446, employmentExits: 11197, exitsWithoutFollowUp: 25882 },
  2015: { entries: 32356, positiveExits: 12394, employmentExits: 9505, exitsWithoutFollowUp: 17661 },
  2016: { entries: 30373, positiveExits: 12969, employmentExits: 10021, exitsWithoutFollowUp: 18277 },
  2017: { entries: 32306, positiveExits: 13618, employmentExits: 10484, exitsWithoutFollowUp: 17755 },
};

/**
 * Tables 4 and 5: people in pathway with a step in an insertion structure (all, and funded by the PLIE), with the
 * published shares of men and women. Table 5's régie de quartier (270) exceeds Table 4's (195), impossible for a
 * subset: the dataset funds all 195.
 */
export const PLIE_INSERTION_STRUCTURES = {
  ACI: { total: 11057, funded: 4614, menSharePct: 66, womenSharePct: 59 },
  EI: { total: 649, funded: 220, menSharePct: 4, womenSharePct: 4 },
  ETTI: { total: 2589, funded: 116, menSharePct: 15, womenSharePct: 15 },
  AI: { total: 2631, funded: 293, menSharePct: 13, womenSharePct: 17 },
  REGIE_DE_QUARTIER: { total: 195, funded: 270, menSharePct: 1, womenSharePct: 1 },
  GEIQ: { total: 47, funded: 20, menSharePct: 0, womenSharePct: 0 },
};

/** One declared item of the questionnaire: its measures' published values and how many PLIE declared it. */
export interface DeclaredItem {
  item: string;
  values: Record<string, number>;
  respondents: number;
}

/** Table 6 (2017), 95 respondents: the declared rows (subtotals and totals are computed). */
export const PLIE_TABLE6: DeclaredItem[] = [
  ['axis_3.local_authorities', 13490558, 2717224],
  ['axis_3.departmental_council', 7725531, 3114735],
  ['axis_3.regional_council', 2689135, 432621],
  ['axis_3.state', 4457585, 18827052],
  ['axis_3.other_public_match_funding', 1610582, 2359454],
  ['axis_3.other_private_match_funding', 647692, 2337913],
  ['axis_3.esf', 54568980, null],
  ['axis_4.local_authorities', 1027518, 101916],
  ['axis_4.esf', 704449, null],
].map(([item, direct, indirect]): DeclaredItem => ({ item: item as string, values: indirect === null ? { direct: direct as number } : { direct: direct as number, indirect: indirect as number }, respondents: 95 }))
  .concat([
    { item: 'not_mobilised.private_funds_match_esf', values: { total: 20664 }, respondents: 95 },
    { item: 'not_mobilised.other_not_mobilised', values: { total: 1182518 }, respondents: 95 },
  ]);

/** Table 6's computed rows as published (consistent with the declared ones). */
export const PLIE_TABLE6_TOTALS = {
  'axis_3.subtotal_axis_3': 114979062, 'axis_4.subtotal_axis_4': 1833883, 'mobilised.subtotal_mobilised': 116812945,
  'not_mobilised.subtotal_not_mobilised': 1203182, 'totals.total_general': 118016127, 'totals.of_which_esf': 55273429,
};

/** Table 6BIS (2014–2017), direct and indirect columns: the earlier years are what it adds to 2017's Table 6. */
export const PLIE_TABLE6BIS: { item: string; direct?: number; indirect?: number; total?: number }[] = [
  { item: 'local_authorities', direct: 61760271, indirect: 19780409 },
  { item: 'departmental_council', direct: 29634502, indirect: 22463470 },
  { item: 'regional_council', direct: 11708045, indirect: 6084326 },
  { item: 'state', direct: 10888725, indirect: 82870215 },
  { item: 'other_public_match_funding', direct: 9090480, indirect: 7066598 },
  { item: 'other_private_match_funding', direct: 4137623, indirect: 14011923 },
  { item: 'esf', direct: 218744577 },
  { item: 'private_funds_match_esf', total: 505737 },
  { item: 'other_not_mobilised', total: 4814056 },
];

/** Table 7 (2017), 75 respondents: total and ESF part of each recipient (its TOTAL row matches no sum: computed here). */
export const PLIE_TABLE7: DeclaredItem[] = (
  [
    ['aci', 26126777, 5369786], ['ei', 225587, 72959], ['etti', 60724, 35524], ['ai', 670579, 548427], ['regie_de_quartier', 1208156, 568855], ['geiq', 8000, 0],
    ['pole_emploi', 1000061, 671450], ['mission_locale', 1791095, 1133814], ['training_organisation', 6575250, 4700683], ['maison_de_l_emploi', 2485762, 1758959],
    ['cbe', 84711, 42355], ['business_club_or_foundation', 269915, 213665], ['internal_operation', 22936471, 13648296],
    ['integration_employment_association_non_iae', 4136900, 2610262], ['ccas_cias', 1831572, 1831572], ['local_authority', 3106129, 1580366],
    ['other_association_or_partner', 7568917, 4902132],
  ] as [string, number, number][]
).map(([item, total, esf]) => ({ item, values: { total, esf }, respondents: 75 }));

/**
 * Table 10 (2017): the declared items (the sums `operations_contracted`, `meetings_organised`, `pathway_referents`
 * are computed; the published meetings total, 4,782, is not the sum of its parts). Items without published
 * respondents take those of the item they belong with.
 */
export const PLIE_TABLE10: DeclaredItem[] = (
  [
    ['team_staff', 429, null, 87], ['team_staff_fte', 275, null, 87], ['payroll', 14942210, null, 77], ['total_cost', 20110381, null, 77],
    ['technical_assistance_budget', 1415642, null, 77], ['engineering_time_and_budget', 124326, 4311844, 57],
    ['partner_beneficiaries_contracted_with_funding', 831, null, 70], ['partner_beneficiaries_unspecified', 74, null, 70], ['partner_beneficiaries_not_contracted', 971, null, 47],
    ['operations_contracted_social_utility_activities', 198, 17564848, 93], ['operations_contracted_ei_ai_rq_etti', 32, 1068786, 93],
    ['operations_contracted_training', 958, 6041258, 93], ['operations_contracted_business_creation', 5, 23003, 93],
    ['operations_contracted_employment_mediation', 140, 4985471, 93], ['operations_contracted_employment_before_6_month_exit', 15, 951161, 93],
    ['operations_contracted_reinforced_support', 313, 23664941, 93], ['operations_contracted_engineering', 71, 23664941, 93],
    ['regular_partner_companies', 6263, null, 57], ['meetings_organised_institutional', 824, null, 65], ['meetings_organised_operational', 3756, null, 65],
    ['external_institutional_meetings_attended', 2185, null, 69],
    ['pathway_referents_plie_association', 124, null, 64], ['pathway_referents_plie_commune', 1, null, 64], ['pathway_referents_plie_epci', 60, null, 64],
    ['pathway_referents_plie_gip', 29, null, 64], ['pathway_referents_ai', 22, null, 64], ['pathway_referents_ei', 2, null, 64], ['pathway_referents_aci', 15, null, 64],
    ['pathway_referents_pole_emploi', 11, null, 64], ['pathway_referents_mission_locale', 41, null, 64], ['pathway_referents_maison_de_l_emploi', 17, null, 64],
    ['pathway_referents_ccas', 45, null, 64], ['pathway_referents_commune', 30, null, 64], ['pathway_referents_other_structure', 256, null, 64],
  ] as [string, number, number | null, number][]
).map(([item, value, amount, respondents]): DeclaredItem => ({ item, values: amount === null ? { value } : { value, amount_eur: amount }, respondents }));

/** The PLIE that answered Table 1 in 2017: the dataset's PLIE structures. */
export const PLIE_STRUCTURES = 115;
