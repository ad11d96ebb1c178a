// Reads a PDF given on standard input and prints { text, qr } as JSON: its text, and what the QR code of its first
// image says. Run in its own Node process: PDF.js loads its worker by a dynamic import, which Jest's sandbox refuses.
const { PDFParse } = require('pdf-parse');
const { PNG } = require('pngjs');
const jsQR = require('jsqr');

async function main() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  const parser = new PDFParse({ data: new Uint8Array(Buffer.concat(chunks)) });
  const text = (await parser.getText()).text;
  const images = await parser.getImage({ imageBuffer: true });
  await parser.destroy();
  const image = images.pages.flatMap((page) => page.images)[0];
  let qr;
  if (image) {
    const png = PNG.sync.read(Buffer.from(image.data));
    qr = jsQR(new Uint8ClampedArray(png.data), png.width, png.height)?.data;
  }
  process.stdout.write(JSON.stringify({ text, qr }));
}

main().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(1);
});
