/**
 * Posts of the three civil services, as Choisir le service public publishes them: a title, a
 * métier and a domaine, the categories and versants that recruit it, and the usual study level
 * (levels of the national framework, décret n° 2019-14 du 8 janvier 2019).
 */

export type Versant = 'etat' | 'territoriale' | 'hospitaliere';
export type Category = 'A+' | 'A' | 'B' | 'C';

export interface Job {
  title: string;
  metier: string;
  domaine: string;
  category: Category;
  versants: readonly Versant[];
  studyLevel: string;
}

/** National framework levels (décret n° 2019-14), as offers print them. */
const studyLevels: Record<string, string> = {
  '3': 'Niveau 3 (CAP, BEP)',
  '4': 'Niveau 4 (Bac)',
  '5': 'Niveau 5 (Bac+2)',
  '6': 'Niveau 6 (Licence, Bac+3)',
  '7': 'Niveau 7 (Master, Bac+5)',
  '8': 'Niveau 8 (Doctorat)',
};

/** title | métier | domaine | category | versants (* for all three) | study level */
const table = `
  Gestionnaire ressources humaines | Gestionnaire des ressources humaines | Ressources humaines | B | * | 4
  Chargé de mission recrutement | Chargé du recrutement | Ressources humaines | A | * | 6
  Assistant administratif | Assistant administratif | Administration générale | C | * | 3
  Secrétaire de mairie | Secrétaire de mairie | Administration générale | B | territoriale | 4
  Attaché d’administration — chargé d’études | Chargé d’études | Administration générale | A | etat territoriale | 6
  Agent d’accueil en préfecture | Agent d’accueil | Administration générale | C | etat | 3
  Instructeur des titres de séjour | Instructeur de dossiers | Administration générale | B | etat | 4
  Contrôleur des finances publiques | Contrôleur fiscal | Finances publiques | B | etat | 4
  Comptable public | Comptable | Finances publiques | B | * | 5
  Responsable du budget | Responsable budgétaire | Finances publiques | A | * | 7
  Juriste en droit public | Juriste | Affaires juridiques | A | etat territoriale | 7
  Acheteur public | Acheteur | Achat public | A | * | 6
  Développeur d’applications | Développeur | Numérique et systèmes d’information | A | * | 6
  Technicien support informatique | Technicien support | Numérique et systèmes d’information | B | * | 5
  Chef de projet numérique | Chef de projet maîtrise d’œuvre | Numérique et systèmes d’information | A | etat territoriale | 7
  Responsable de la sécurité des systèmes d’information | RSSI | Numérique et systèmes d’information | A+ | etat | 7
  Infirmier en soins généraux | Infirmier | Santé | A | hospitaliere | 6
  Aide-soignant | Aide-soignant | Santé | C | hospitaliere | 4
  Médecin du travail | Médecin | Santé | A+ | * | 8
  Manipulateur en électroradiologie | Manipulateur en électroradiologie médicale | Santé | A | hospitaliere | 6
  Assistant de service social | Assistant de service social | Social | A | * | 6
  Auxiliaire de puériculture | Auxiliaire de puériculture | Enfance, famille | C | territoriale hospitaliere | 4
  Animateur périscolaire | Animateur | Enfance, famille | C | territoriale | 3
  Policier municipal | Agent de police municipale | Sécurité | C | territoriale | 4
  Agent des espaces verts | Jardinier | Espaces verts et paysage | C | territoriale | 3
  Ingénieur travaux voirie | Ingénieur travaux | Bâtiment, travaux publics | A | etat territoriale | 7
  Agent de restauration collective | Cuisinier | Restauration | C | * | 3
  Assistant de conservation du patrimoine | Assistant de conservation | Culture et patrimoine | B | etat territoriale | 5
  Chargé de communication | Chargé de communication | Communication | A | * | 6
  Directeur général des services | Directeur général des services | Encadrement supérieur | A+ | territoriale | 7
`;

export const jobs: readonly Job[] = table
  .trim()
  .split('\n')
  .map((line) => {
    const [title, metier, domaine, category, versants, level] = line.split('|').map((cell) => cell.trim()) as [
      string,
      string,
      string,
      Category,
      string,
      string,
    ];
    return {
      title,
      metier,
      domaine,
      category,
      versants: (versants === '*' ? ['etat', 'territoriale', 'hospitaliere'] : versants.split(' ')) as Versant[],
      studyLevel: studyLevels[level]!,
    };
  });

/** Nature of the post: who may apply (titulaires, contractuels or both). */
export const natures = ['Titulaire', 'Contractuel', 'Titulaire ou contractuel'] as const;

export type Nature = (typeof natures)[number];
