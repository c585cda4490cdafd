// Imports a CSV file of sessions in lots of 100 rows, with a progress bar and the report of the
// rejected rows. Without this script, the page's form sends a short file in one go.
const form = document.getElementById('import-form');
const file = document.getElementById('champ-fichier');
const progress = document.getElementById('import-progression');
const status = document.getElementById('import-etat');
const report = document.getElementById('import-rapport');
const LOT = 100;

/** Records of the CSV text, each with the line it starts on; quoted line breaks stay inside. */
function records(text) {
  const out = [];
  let start = 0;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  for (let i = 0; i <= text.length; i++) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    if (i === text.length || (!quoted && char === '\n')) {
      const record = text.slice(start, i).replace(/\r$/, '');
      if (record.trim() !== '') out.push({ line: startLine, text: record });
      start = i + 1;
      line++;
      startLine = line;
    } else if (char === '\n') line++;
  }
  return out;
}

function say(text) {
  status.textContent = text;
}

function addRejected(rejected) {
  for (const row of rejected) {
    const item = document.createElement('li');
    item.textContent = `Ligne ${row.line}\u00a0: ${row.reasons.join(' ')}`;
    report.append(item);
  }
}

if (form && file && window.fetch) {
  form.addEventListener('submit', async (event) => {
    if (!file.files || file.files.length === 0) return;
    event.preventDefault();
    const text = (await file.files[0].text()).replace(/^\uFEFF/, '');
    const [header, ...rows] = records(text);
    if (!header) return say('Le fichier est vide.');
    const token = form.querySelector('input[name="_csrf"]').value;
    report.replaceChildren();
    progress.max = rows.length;
    progress.value = 0;
    progress.hidden = false;
    let imported = 0;
    let rejected = 0;
    for (let start = 0; start < rows.length; start += LOT) {
      const lot = rows.slice(start, start + LOT);
      const response = await fetch('/organisme/sessions/import/lot', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': token },
        body: JSON.stringify({
          csv: [header.text, ...lot.map((r) => r.text)].join('\n'),
          lines: lot.map((r) => r.line),
        }),
      });
      if (!response.ok)
        return say(
          `L’import s’est arrêté\u00a0: ${imported} sessions importées avant l’erreur. Rechargez la page et réessayez avec les lignes restantes.`,
        );
      const body = await response.json();
      if (body.fileError) return say(body.fileError);
      imported += body.imported;
      rejected += body.rejected.length;
      addRejected(body.rejected);
      progress.value = Math.min(rows.length, start + lot.length);
      say(`${progress.value} lignes traitées sur ${rows.length}.`);
    }
    say(`Import terminé\u00a0: ${imported} sessions importées, ${rejected} lignes refusées.`);
  });
}
