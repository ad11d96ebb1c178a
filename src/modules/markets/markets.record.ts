import { boolean, date, decimal, enumeration, percentage, reference, text } from '../../platform/records/fields';
import { scopedTo } from '../../platform/records/record-crud';
import { RecordDefinition } from '../../platform/records/record-definition';
import { LEGAL_BASES, MAX_HOURS_OBJECTIVE, normaliseMarket, SECTORS } from './markets.rules';

export const MARKETS: RecordDefinition = {
  kind: 'markets',
  label: 'marché',
  table: 'market',
  fields: {
    ref: reference('Référence du marché (ou du lot) dans la structure', true, 'M17-003'),
    buyer_ref: reference('Référence de l’acheteur', true, 'VILLE-VEN'),
    operation_ref: reference('Référence de l’opération, s’il y en a une', false, 'GS-PASTEUR'),
    title: text({ description: 'Objet du marché', required: true, max: 300 }),
    legal_basis: enumeration(LEGAL_BASES, { description: 'Fondement juridique de la clause', required: true }),
    sector: enumeration(SECTORS, { description: 'Secteur d’activité', required: true }),
    amount_excl_tax: decimal({ description: 'Montant HT en euros', max: 999_999_999_999 }),
    labour_share_pct: percentage('Part de main-d’œuvre (%)'),
    insertion_rate_pct: percentage('Taux d’insertion (%)'),
    hourly_cost: decimal({ description: 'Coût horaire chargé en euros', max: 999_999 }),
    hours_objective: decimal({ description: 'Objectif d’heures d’insertion ; calculé (montant × part de main-d’œuvre × taux ÷ coût horaire) s’il est vide', max: MAX_HOURS_OBJECTIVE }),
    training_counts: boolean({ description: 'Les heures de formation comptent dans l’objectif (oui par défaut)' }),
    start_date: date({ description: 'Début d’exécution', required: true }),
    end_date: date({ description: 'Fin d’exécution', required: true }),
  },
  derived: {
    hours_objective_computed: boolean({ description: 'Objectif calculé à partir du montant (et non saisi)' }),
  },
  key: ['ref'],
  conflictColumns: ['structure_id', 'ref'],
  references: [
    { column: 'buyer_ref', alias: 'b', table: 'buyer', key: 'ref', target: 'buyer_id', message: 'acheteur inconnu dans la structure' },
    { column: 'operation_ref', alias: 'o', table: 'operation', key: 'ref', target: 'operation_id', message: 'opération inconnue dans la structure' },
  ],
  checks: [
    { column: 'operation_ref', message: 'cette opération appartient à un autre acheteur', violatedWhen: 'o.buyer_id <> b.id' },
    // Each end of the period blamed for the contracts it would leave out.
    {
      column: 'start_date',
      message: 'des contrats de travail déjà saisis commencent avant : corrigez-les d’abord',
      violatedWhen: `EXISTS (SELECT 1 FROM market cm JOIN work_contract wc ON wc.market_id = cm.id
                      WHERE cm.structure_id = s.structure_id AND cm.ref = s.ref AND wc.start_date < s.start_date::date)`,
    },
    {
      column: 'end_date',
      message: 'des contrats de travail déjà saisis finissent après : corrigez-les d’abord',
      violatedWhen: `EXISTS (SELECT 1 FROM market cm JOIN work_contract wc ON wc.market_id = cm.id
                      WHERE cm.structure_id = s.structure_id AND cm.ref = s.ref AND coalesce(wc.end_date, wc.start_date) > s.end_date::date)`,
    },
  ],
  normalise: normaliseMarket,
};

/**
 * Which markets a caller sees, on `alias` (the market) and `b` (its buyer): its structure's, a buyer's own (by
 * SIRET, in every structure that tracks them), a company's awarded ones, or all of them for national staff.
 */
export const marketVisibility = (alias: string) =>
  scopedTo(alias, {
    buyer: 'b.siret = ?',
    company: `EXISTS (SELECT 1 FROM award va JOIN company vc ON vc.id = va.company_id WHERE va.market_id = ${alias}.id AND vc.siret = ?)`,
  });
