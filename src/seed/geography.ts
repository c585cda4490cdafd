/**
 * The 101 départements (96 in metropolitan France, with Corsica as 2A and 2B, and the five
 * DROM 971–974 and 976), their region (2016 map) and a few real communes with a postcode.
 * The first commune of each row is the préfecture; big départements list more communes, and
 * Paris, Lyon and Marseille list several arrondissement postcodes.
 *
 * Source: INSEE, Code officiel géographique (codes, names and préfectures of départements and
 * régions), and La Poste's postcodes. Only facts are taken; nothing is copied wholesale.
 */

export interface Commune {
  name: string;
  postcode: string;
}

export interface Departement {
  code: string;
  name: string;
  region: string;
  /** The préfecture first. */
  communes: Commune[];
}

const ARA = 'Auvergne-Rhône-Alpes';
const BFC = 'Bourgogne-Franche-Comté';
const BRE = 'Bretagne';
const CVL = 'Centre-Val de Loire';
const COR = 'Corse';
const GES = 'Grand Est';
const HDF = 'Hauts-de-France';
const IDF = 'Île-de-France';
const NOR = 'Normandie';
const NAQ = 'Nouvelle-Aquitaine';
const OCC = 'Occitanie';
const PDL = 'Pays de la Loire';
const PAC = "Provence-Alpes-Côte d'Azur";

/** code, name, region, communes as "Name:postcode" joined by ";". */
const rows: readonly (readonly [string, string, string, string])[] = [
  ['01', 'Ain', ARA, 'Bourg-en-Bresse:01000;Oyonnax:01100;Ambérieu-en-Bugey:01500'],
  ['02', 'Aisne', HDF, 'Laon:02000;Saint-Quentin:02100;Soissons:02200'],
  ['03', 'Allier', ARA, 'Moulins:03000;Montluçon:03100;Vichy:03200'],
  ['04', 'Alpes-de-Haute-Provence', PAC, 'Digne-les-Bains:04000;Manosque:04100'],
  ['05', 'Hautes-Alpes', PAC, 'Gap:05000;Briançon:05100'],
  ['06', 'Alpes-Maritimes', PAC, 'Nice:06000;Nice:06300;Cannes:06400;Antibes:06600;Grasse:06130'],
  ['07', 'Ardèche', ARA, 'Privas:07000;Annonay:07100;Aubenas:07200'],
  ['08', 'Ardennes', GES, 'Charleville-Mézières:08000;Sedan:08200'],
  ['09', 'Ariège', OCC, 'Foix:09000;Pamiers:09100'],
  ['10', 'Aube', GES, 'Troyes:10000'],
  ['11', 'Aude', OCC, 'Carcassonne:11000;Narbonne:11100'],
  ['12', 'Aveyron', OCC, 'Rodez:12000;Millau:12100'],
  [
    '13',
    'Bouches-du-Rhône',
    PAC,
    'Marseille:13001;Marseille:13005;Marseille:13008;Marseille:13013;Aix-en-Provence:13100;Arles:13200;Martigues:13500;Aubagne:13400',
  ],
  ['14', 'Calvados', NOR, 'Caen:14000;Lisieux:14100;Bayeux:14400'],
  ['15', 'Cantal', ARA, 'Aurillac:15000;Saint-Flour:15100'],
  ['16', 'Charente', NAQ, 'Angoulême:16000;Cognac:16100'],
  ['17', 'Charente-Maritime', NAQ, 'La Rochelle:17000;Saintes:17100;Rochefort:17300'],
  ['18', 'Cher', CVL, 'Bourges:18000;Vierzon:18100'],
  ['19', 'Corrèze', NAQ, 'Tulle:19000;Brive-la-Gaillarde:19100;Ussel:19200'],
  ['2A', 'Corse-du-Sud', COR, 'Ajaccio:20000;Porto-Vecchio:20137'],
  ['2B', 'Haute-Corse', COR, 'Bastia:20200;Corte:20250'],
  ['21', "Côte-d'Or", BFC, 'Dijon:21000;Beaune:21200'],
  ['22', "Côtes-d'Armor", BRE, 'Saint-Brieuc:22000;Dinan:22100;Lannion:22300'],
  ['23', 'Creuse', NAQ, 'Guéret:23000;Aubusson:23200'],
  ['24', 'Dordogne', NAQ, 'Périgueux:24000;Bergerac:24100;Sarlat-la-Canéda:24200'],
  ['25', 'Doubs', BFC, 'Besançon:25000;Montbéliard:25200;Pontarlier:25300'],
  ['26', 'Drôme', ARA, 'Valence:26000;Romans-sur-Isère:26100;Montélimar:26200'],
  ['27', 'Eure', NOR, 'Évreux:27000;Vernon:27200'],
  ['28', 'Eure-et-Loir', CVL, 'Chartres:28000;Dreux:28100;Châteaudun:28200'],
  ['29', 'Finistère', BRE, 'Quimper:29000;Brest:29200;Morlaix:29600;Concarneau:29900'],
  ['30', 'Gard', OCC, 'Nîmes:30000;Alès:30100;Bagnols-sur-Cèze:30200'],
  [
    '31',
    'Haute-Garonne',
    OCC,
    'Toulouse:31000;Toulouse:31200;Toulouse:31400;Colomiers:31770;Tournefeuille:31170;Muret:31600;Saint-Gaudens:31800',
  ],
  ['32', 'Gers', OCC, 'Auch:32000;Condom:32100'],
  ['33', 'Gironde', NAQ, 'Bordeaux:33000;Bordeaux:33800;Mérignac:33700;Pessac:33600;Libourne:33500;Arcachon:33120'],
  ['34', 'Hérault', OCC, 'Montpellier:34000;Montpellier:34090;Béziers:34500;Sète:34200;Lunel:34400'],
  ['35', 'Ille-et-Vilaine', BRE, 'Rennes:35000;Rennes:35200;Saint-Malo:35400;Fougères:35300;Vitré:35500'],
  ['36', 'Indre', CVL, 'Châteauroux:36000;Issoudun:36100'],
  ['37', 'Indre-et-Loire', CVL, 'Tours:37000;Joué-lès-Tours:37300;Amboise:37400'],
  ['38', 'Isère', ARA, 'Grenoble:38000;Échirolles:38130;Vienne:38200;Bourgoin-Jallieu:38300;Voiron:38500'],
  ['39', 'Jura', BFC, 'Lons-le-Saunier:39000;Dole:39100;Saint-Claude:39200'],
  ['40', 'Landes', NAQ, 'Mont-de-Marsan:40000;Dax:40100'],
  ['41', 'Loir-et-Cher', CVL, 'Blois:41000;Vendôme:41100;Romorantin-Lanthenay:41200'],
  ['42', 'Loire', ARA, 'Saint-Étienne:42000;Roanne:42300;Montbrison:42600'],
  ['43', 'Haute-Loire', ARA, 'Le Puy-en-Velay:43000;Yssingeaux:43200'],
  ['44', 'Loire-Atlantique', PDL, 'Nantes:44000;Nantes:44300;Saint-Nazaire:44600;Rezé:44400;Saint-Herblain:44800'],
  ['45', 'Loiret', CVL, 'Orléans:45000;Montargis:45200;Fleury-les-Aubrais:45400'],
  ['46', 'Lot', OCC, 'Cahors:46000;Figeac:46100'],
  ['47', 'Lot-et-Garonne', NAQ, 'Agen:47000;Marmande:47200;Villeneuve-sur-Lot:47300'],
  ['48', 'Lozère', OCC, 'Mende:48000;Marvejols:48100'],
  ['49', 'Maine-et-Loire', PDL, 'Angers:49000;Cholet:49300;Saumur:49400'],
  ['50', 'Manche', NOR, 'Saint-Lô:50000;Cherbourg-en-Cotentin:50100;Avranches:50300;Granville:50400'],
  ['51', 'Marne', GES, 'Châlons-en-Champagne:51000;Reims:51100;Épernay:51200'],
  ['52', 'Haute-Marne', GES, 'Chaumont:52000;Saint-Dizier:52100;Langres:52200'],
  ['53', 'Mayenne', PDL, 'Laval:53000;Mayenne:53100;Château-Gontier-sur-Mayenne:53200'],
  ['54', 'Meurthe-et-Moselle', GES, 'Nancy:54000;Toul:54200;Lunéville:54300;Vandœuvre-lès-Nancy:54500'],
  ['55', 'Meuse', GES, 'Bar-le-Duc:55000;Verdun:55100;Commercy:55200'],
  ['56', 'Morbihan', BRE, 'Vannes:56000;Lorient:56100;Pontivy:56300'],
  ['57', 'Moselle', GES, 'Metz:57000;Thionville:57100;Sarreguemines:57200;Forbach:57600'],
  ['58', 'Nièvre', BFC, 'Nevers:58000;Cosne-Cours-sur-Loire:58200'],
  [
    '59',
    'Nord',
    HDF,
    "Lille:59000;Lille:59800;Roubaix:59100;Tourcoing:59200;Dunkerque:59140;Valenciennes:59300;Douai:59500;Villeneuve-d'Ascq:59650",
  ],
  ['60', 'Oise', HDF, 'Beauvais:60000;Creil:60100;Compiègne:60200'],
  ['61', 'Orne', NOR, 'Alençon:61000;Flers:61100;Argentan:61200'],
  ['62', 'Pas-de-Calais', HDF, 'Arras:62000;Calais:62100;Boulogne-sur-Mer:62200;Lens:62300;Béthune:62400'],
  ['63', 'Puy-de-Dôme', ARA, 'Clermont-Ferrand:63000;Clermont-Ferrand:63100;Riom:63200;Issoire:63500'],
  ['64', 'Pyrénées-Atlantiques', NAQ, 'Pau:64000;Bayonne:64100;Biarritz:64200;Oloron-Sainte-Marie:64400;Anglet:64600'],
  ['65', 'Hautes-Pyrénées', OCC, 'Tarbes:65000;Lourdes:65100;Bagnères-de-Bigorre:65200'],
  ['66', 'Pyrénées-Orientales', OCC, 'Perpignan:66000;Céret:66400;Prades:66500'],
  ['67', 'Bas-Rhin', GES, 'Strasbourg:67000;Strasbourg:67100;Schiltigheim:67300;Haguenau:67500;Sélestat:67600'],
  ['68', 'Haut-Rhin', GES, 'Colmar:68000;Mulhouse:68100;Saint-Louis:68300;Guebwiller:68500'],
  [
    '69',
    'Rhône',
    ARA,
    'Lyon:69001;Lyon:69003;Lyon:69007;Lyon:69008;Villeurbanne:69100;Vénissieux:69200;Vaulx-en-Velin:69120;Villefranche-sur-Saône:69400',
  ],
  ['70', 'Haute-Saône', BFC, 'Vesoul:70000;Lure:70200'],
  ['71', 'Saône-et-Loire', BFC, 'Mâcon:71000;Chalon-sur-Saône:71100;Le Creusot:71200;Autun:71400'],
  ['72', 'Sarthe', PDL, 'Le Mans:72000;La Flèche:72200;Sablé-sur-Sarthe:72300'],
  ['73', 'Savoie', ARA, 'Chambéry:73000;Aix-les-Bains:73100;Albertville:73200;Saint-Jean-de-Maurienne:73300'],
  ['74', 'Haute-Savoie', ARA, 'Annecy:74000;Annemasse:74100;Thonon-les-Bains:74200;Cluses:74300'],
  [
    '75',
    'Paris',
    IDF,
    'Paris:75001;Paris:75005;Paris:75010;Paris:75011;Paris:75012;Paris:75013;Paris:75015;Paris:75017;Paris:75018;Paris:75019;Paris:75020',
  ],
  ['76', 'Seine-Maritime', NOR, 'Rouen:76000;Dieppe:76200;Elbeuf:76500;Le Havre:76600'],
  ['77', 'Seine-et-Marne', IDF, 'Melun:77000;Meaux:77100;Fontainebleau:77300;Chelles:77500;Provins:77160'],
  [
    '78',
    'Yvelines',
    IDF,
    'Versailles:78000;Saint-Germain-en-Laye:78100;Mantes-la-Jolie:78200;Poissy:78300;Rambouillet:78120',
  ],
  ['79', 'Deux-Sèvres', NAQ, 'Niort:79000;Parthenay:79200;Bressuire:79300'],
  ['80', 'Somme', HDF, 'Amiens:80000;Abbeville:80100;Péronne:80200'],
  ['81', 'Tarn', OCC, 'Albi:81000;Castres:81100;Gaillac:81600'],
  ['82', 'Tarn-et-Garonne', OCC, 'Montauban:82000;Castelsarrasin:82100'],
  ['83', 'Var', PAC, 'Toulon:83000;Draguignan:83300;Hyères:83400;La Seyne-sur-Mer:83500;Fréjus:83600'],
  ['84', 'Vaucluse', PAC, 'Avignon:84000;Orange:84100;Carpentras:84200;Cavaillon:84300'],
  ['85', 'Vendée', PDL, "La Roche-sur-Yon:85000;Les Sables-d'Olonne:85100;Fontenay-le-Comte:85200"],
  ['86', 'Vienne', NAQ, 'Poitiers:86000;Châtellerault:86100;Loudun:86200'],
  ['87', 'Haute-Vienne', NAQ, 'Limoges:87000;Saint-Junien:87200;Bellac:87300'],
  ['88', 'Vosges', GES, 'Épinal:88000;Saint-Dié-des-Vosges:88100;Remiremont:88200'],
  ['89', 'Yonne', BFC, 'Auxerre:89000;Sens:89100;Avallon:89200'],
  ['90', 'Territoire de Belfort', BFC, 'Belfort:90000;Delle:90100'],
  ['91', 'Essonne', IDF, 'Évry-Courcouronnes:91000;Corbeil-Essonnes:91100;Palaiseau:91120;Étampes:91150;Massy:91300'],
  [
    '92',
    'Hauts-de-Seine',
    IDF,
    'Nanterre:92000;Boulogne-Billancourt:92100;Courbevoie:92400;Rueil-Malmaison:92500;Colombes:92700',
  ],
  [
    '93',
    'Seine-Saint-Denis',
    IDF,
    'Bobigny:93000;Montreuil:93100;Saint-Denis:93200;Aubervilliers:93300;Le Raincy:93340',
  ],
  [
    '94',
    'Val-de-Marne',
    IDF,
    'Créteil:94000;Nogent-sur-Marne:94130;Ivry-sur-Seine:94200;Vitry-sur-Seine:94400;Champigny-sur-Marne:94500',
  ],
  ['95', "Val-d'Oise", IDF, 'Cergy:95000;Pontoise:95300;Argenteuil:95100;Sarcelles:95200'],
  [
    '971',
    'Guadeloupe',
    'Guadeloupe',
    'Basse-Terre:97100;Pointe-à-Pitre:97110;Les Abymes:97139;Le Gosier:97190;Le Moule:97160',
  ],
  ['972', 'Martinique', 'Martinique', 'Fort-de-France:97200;Le Lamentin:97232;Le Robert:97231;Schœlcher:97233'],
  ['973', 'Guyane', 'Guyane', 'Cayenne:97300;Kourou:97310;Saint-Laurent-du-Maroni:97320;Matoury:97351'],
  [
    '974',
    'La Réunion',
    'La Réunion',
    'Saint-Denis:97400;Saint-Pierre:97410;Le Tampon:97430;Saint-André:97440;Saint-Paul:97460',
  ],
  ['976', 'Mayotte', 'Mayotte', 'Mamoudzou:97600;Dzaoudzi:97615;Koungou:97690'],
];

/** All 101 départements, in the order of their codes. */
export const departements: readonly Departement[] = rows.map(([code, name, region, communes]) => ({
  code,
  name,
  region,
  communes: communes.split(';').map((entry) => {
    const [communeName, postcode] = entry.split(':') as [string, string];
    return { name: communeName, postcode };
  }),
}));

/** The regions, each once. */
export const regions: readonly string[] = [...new Set(departements.map((departement) => departement.region))];

const byCode = new Map(departements.map((departement) => [departement.code, departement]));

/** The département with this code; throws on an unknown code, which is a bug in the seed. */
export function departementByCode(code: string): Departement {
  const found = byCode.get(code);
  if (!found) throw new Error(`département inconnu : ${code}`);
  return found;
}

/** The départements of one region. */
export function departementsOfRegion(region: string): Departement[] {
  return departements.filter((departement) => departement.region === region);
}

/** Weights for where people live: more listed communes, more people (big cities list more). */
export const residenceWeights: readonly (readonly [Departement, number])[] = departements.map((departement) => [
  departement,
  departement.communes.length,
]);

/** Whether a département is overseas (DROM), where phone prefixes differ. */
export function isOverseas(code: string): boolean {
  return code.length === 3;
}
