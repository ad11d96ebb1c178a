import type PDFDocumentClass from 'pdfkit';
import QRCode from 'qrcode';
import { day, hours, monthName } from '../../platform/web/format';
import { AttestationFacts, formatCode } from './attestations.rules';

/** The PDF's fonts are the standard ones (WinAnsi): the narrow no-break space of French numbers is not in it. */
const pdfText = (text: string) => text.replace(/\u202f/g, '\u00a0');

const hoursText = (value: string) => pdfText(hours(value));

export const ATTESTATION_TITLES: Record<AttestationFacts['kind'], string> = {
  COMPANY: 'Attestation de réalisation des heures d’insertion',
  MARKET_YEAR: 'État annuel de réalisation de la clause sociale',
};

/**
 * The attestation as a PDF, drawn from its frozen facts only (the same attestation always gives the same text), with
 * its verification code and the QR code of its verification page.
 */
export async function attestationPdf(facts: AttestationFacts, code: string, verifyUrl: string, revoked: { at: Date; reason: string } | null): Promise<Buffer> {
  const qr = await QRCode.toBuffer(verifyUrl, { type: 'png', margin: 1, width: 240, errorCorrectionLevel: 'M' });
  // Loaded by the first attestation rather than at every start of every process (a fifth of a second).
  const PDFDocument = require('pdfkit') as typeof PDFDocumentClass;
  const document = new PDFDocument({ size: 'A4', margin: 56, info: { Title: ATTESTATION_TITLES[facts.kind], Author: facts.structure.name, Subject: `Code de vérification ${formatCode(code)}` } });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => document.on('end', () => resolve()));

  const left = document.page.margins.left;
  const width = document.page.width - left - document.page.margins.right;
  const line = (label: string, value: string) => {
    document.font('Helvetica-Bold').fontSize(10).text(`${label} : `, { continued: true }).font('Helvetica').text(pdfText(value));
  };

  document.font('Helvetica-Bold').fontSize(9).text('RÉPUBLIQUE FRANÇAISE');
  document.font('Helvetica').fontSize(9).text('Clause sociale d’insertion — commande publique');
  document.moveDown(1.5);
  document.font('Helvetica-Bold').fontSize(18).text(ATTESTATION_TITLES[facts.kind]);
  document.moveDown(0.5);
  if (revoked) {
    document.font('Helvetica-Bold').fontSize(11).fillColor('#ce0500').text(pdfText(`ATTESTATION RÉVOQUÉE le ${day(revoked.at)} : ${revoked.reason}`));
    document.fillColor('black');
    document.moveDown(0.5);
  }
  document.font('Helvetica').fontSize(10).text(pdfText(`Délivrée par ${facts.structure.name}, facilitateur de la clause sociale, le ${day(facts.issuedOn)}.`));
  document.moveDown();

  if (facts.company) line('Entreprise', `${facts.company.name} (SIRET ${facts.company.siret})`);
  line('Période', `du ${day(facts.period.from)} au ${day(facts.period.to)}`);
  document.moveDown(0.5);
  document.font('Helvetica-Bold').fontSize(11).text(facts.markets.length > 1 ? 'Marchés' : 'Marché');
  for (const market of facts.markets) {
    document.font('Helvetica').fontSize(10).text(pdfText(`${market.ref} — ${market.title}`));
    document.fontSize(9).text(pdfText(`Acheteur : ${market.buyerName} (SIRET ${market.buyerSiret}) · exécution du ${day(market.startDate)} au ${day(market.endDate)} · objectif d’insertion ${hoursText(market.objective)}`), { indent: 12 });
  }
  document.moveDown();

  document.font('Helvetica-Bold').fontSize(11).text('Heures d’insertion réalisées et validées, par mois');
  document.moveDown(0.3);
  const column = left + width * 0.6;
  for (const month of facts.months) {
    const y = document.y;
    document.font('Helvetica').fontSize(10).text(monthName(month.month), left, y);
    document.text(hoursText(month.hours), column, y, { width: width * 0.4, align: 'right' });
  }
  if (facts.months.length === 0) document.font('Helvetica').fontSize(10).text('Aucune heure validée sur la période.', left);
  const totalY = document.y + 4;
  document.moveTo(left, totalY).lineTo(left + width, totalY).lineWidth(0.5).stroke();
  document.font('Helvetica-Bold').fontSize(10).text('Total', left, totalY + 4);
  document.text(hoursText(facts.totalHours), column, totalY + 4, { width: width * 0.4, align: 'right' });
  document.x = left;
  document.moveDown();
  line('Personnes en insertion ayant réalisé ces heures', String(facts.people));
  document.moveDown();
  document.font('Helvetica').fontSize(9).text(
    'Seules comptent les heures validées par le facilitateur, réalisées pendant la période d’exécution du marché ; les heures de formation comptent sauf si le marché en dispose autrement. Aucune donnée nominative des personnes n’est portée sur ce document.',
    { width },
  );
  document.moveDown();
  line('Délivrée par', `${facts.issuer.email} (${facts.issuer.role})`);
  document.moveDown(1.5);

  const qrY = document.y;
  document.image(qr, left, qrY, { width: 110 });
  document.font('Helvetica-Bold').fontSize(11).text('Vérifier cette attestation', left + 125, qrY + 8);
  document.font('Helvetica').fontSize(10).text(`Code de vérification : ${formatCode(code)}`, left + 125, qrY + 28);
  document.fontSize(9).text(verifyUrl, left + 125, qrY + 46, { link: verifyUrl, underline: true, width: width - 125 });
  document.fontSize(9).text('La page de vérification dit si l’attestation est authentique, si elle a été révoquée et si les chiffres de la plateforme ont changé depuis.', left + 125, qrY + 66, { width: width - 125 });
  document.end();
  await ended;
  return Buffer.concat(chunks);
}
