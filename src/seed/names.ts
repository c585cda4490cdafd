import type { Faker } from '@faker-js/faker';
import type { Rng } from './rng.js';

/** A comma-separated list, one or more per line: keeps long tables of names readable. */
function list(text: string): string[] {
  return text
    .split(/[,\n]/)
    .map((word) => word.trim())
    .filter((word) => word.length > 0);
}

/**
 * Surnames as they are written in France: accents kept (faker's French list drops them),
 * Breton, Corsican, Alsatian, overseas, Maghrebi, West-African, Portuguese and Vietnamese
 * families, particles and compounds. The people are invented; the names are common ones.
 */
const lastNames: readonly string[] = list(`
  Martin, Bernard, Thomas, Petit, Robert, Richard, Durand, Dubois, Moreau, Simon, Michel, Lefèvre,
  Leroy, Roux, David, Bertrand, Morel, Fournier, Girard, Bonnet, Dupont, Lambert, Fontaine, Rousseau,
  Vincent, Muller, Lefebvre, Faure, André, Mercier, Blanc, Guérin, Boyer, Garnier, Chevalier, François,
  Legrand, Gauthier, Garcia, Perrin, Robin, Clément, Morin, Nicolas, Henry, Roussel, Mathieu, Gautier,
  Masson, Marchand, Duval, Denis, Dumont, Marie, Lemaire, Noël, Meyer, Dufour, Meunier, Brun,
  Blanchard, Giraud, Joly, Rivière, Lucas, Brunet, Gaillard, Barbier, Arnaud, Martinez, Gérard, Roche,
  Renard, Schmitt, Roy, Leroux, Colin, Vidal, Caron, Picard, Roger, Fabre, Aubert, Lemoine,
  Renaud, Dumas, Lacroix, Olivier, Philippe, Bourgeois, Pierre, Benoît, Rey, Leclerc, Payet, Rolland,
  Leclercq, Guillaume, Lecomte, Lopez, Jean, Dupuy, Guillot, Hubert, Berger, Carpentier, Sanchez, Dupuis,
  Moulin, Louis, Deschamps, Huet, Vasseur, Perez, Boucher, Fleury, Royer, Klein, Jacquet, Adam,
  Paris, Poirier, Marty, Aubry, Guyot, Carré, Charles, Renault, Charpentier, Ménard, Maillard, Baron,
  Bertin, Bailly, Hervé, Schneider, Fernandez, Le Gall, Collet, Léger, Bouvier, Julien, Prévost, Millet,
  Perrot, Daniel, Le Roux, Cousin, Germain, Breton, Besson, Langlois, Rémy, Le Goff, Pelletier, Lévêque,
  Perrier, Leblanc, Barré, Lebrun, Marchal, Weber, Mallet, Hamon, Boulanger, Jacob, Monnier, Michaud,
  Rodriguez, Guichard, Gillet, Étienne, Grondin, Poulain, Tessier, Chevallier, Collin, Chauvin, Da Silva, Bouchet,
  Gay, Lemaître, Bénard, Maréchal, Humbert, Reynaud, Antoine, Hoarau, Perret, Barthélémy, Cordier, Pichon,
  Lejeune, Gilbert, Lamy, Delaunay, Pasquier, Carlier, Laporte, Hébert,
  Le Bihan, Le Floc'h, Le Guen, Le Corre, Le Hénaff, Guéguen, Jézéquel, Quéré, Kerbrat, Tanguy, Santoni, Casanova,
  Orsini, Luciani, Paoli, Schœffer, Müller, Haegelé, Stœckel, Wéber, Técher, Jean-Baptiste, Saint-Fleur, Pierre-Louis,
  Marie-Sainte, Célestine, Hilaire, Ahamada, Soilihi, Abdallah, Benaïssa, Saïdi, Haddad, Belkacem, Bouzid, Benali,
  Mansouri, Aït Ali, Khélifi, Ziani, N'Diaye, Diallo, Traoré, Koné, Camara, Touré, Coulibaly, Sissoko,
  Kanté, Diop, Pereira, Ferreira, Rodrigues, Gonçalves, Fernandes, Teixeira, Araújo, Dos Santos, De Oliveira, Lopes,
  Nguyễn, Nguyen, Trần, Phạm, Lê, Rossi, Bianchi, Ricci, Kowalski, Nowak, D'Aubigné, Delépine,
  Dupré, Séguin, Sénéchal, Béranger, Crépin, Régnier, Pélissier, Lécuyer, Lebœuf, Chrétien, Valéry, Bérard,
  Thénard, Géraud, Lefébure, Désiré, Bégué, Prévot,
`);

const compoundFirstNames = {
  female: list(`
    Marie-Claire, Anne-Sophie, Marie-Hélène, Marie-Thérèse, Anne-Laure,
    Marie-Noëlle, Anne-Cécile, Marie-José, Marie-Ève, Lou-Anne,
  `),
  male: list(`
    Jean-Pierre, Jean-Marc, Jean-Luc, Jean-Baptiste, Pierre-Yves,
    Jean-François, Jean-Michel, Marc-Antoine, Paul-Henri, Jean-Noël,
  `),
};

/** Present-day first names that faker's French list lacks (it leans on saints' days). */
const modernFirstNames = {
  female: list(`
    Inès, Chloé, Zoé, Anaïs, Éloïse, Maëlys, Héloïse, Noémie, Océane, Mégane,
    Léa, Cécile, Hélène, Françoise, Aïcha, Fatoumata, Nadia, Awa, Thi Lan, Yasmine,
    Manon, Camille, Clémence, Maïwenn,
  `),
  male: list(`
    Léo, Maël, Noé, Raphaël, Gaël, Loïc, Timothée, Clément, Jérémy, Stéphane,
    Aurélien, Benoît, François, Joël, Ludovic, Yanis, Rayan, Mohamed, Karim, Sofiane,
    Ibrahim, Moussa, Théo, Enzo,
  `),
};

export type Sex = 'female' | 'male';

/** A surname; one in twenty people carries two, joined by a hyphen. */
export function lastName(rng: Rng): string {
  const first = rng.pick(lastNames);
  if (!rng.chance(0.05)) return first;
  const second = rng.pick(lastNames);
  return second === first ? first : `${first}-${second}`;
}

/** A first name: faker's French list, present-day names, or a compound name. */
export function firstName(rng: Rng, faker: Faker, sex: Sex): string {
  const roll = rng.next();
  if (roll < 0.1) return rng.pick(compoundFirstNames[sex]);
  if (roll < 0.5) return rng.pick(modernFirstNames[sex]);
  return faker.person.firstName(sex);
}

/** "Éloïse-Marie D'Aubigné" → "eloise-marie", "daubigne": what people type in an e-mail. */
export function asciiSlug(value: string): string {
  return value
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/œ/g, 'oe')
    .replace(/Œ/g, 'Oe')
    .toLowerCase()
    .replace(/['’]/g, '')
    .replace(/\s+/g, '-')
    .replace(/[^a-z0-9-]/g, '');
}
