// French-realistic names and places. Names mix the origins found in the programmes' territories (Marseille,
// Roubaix, Moselle): French, Maghreb, Italian, Portuguese, Polish, Spanish, West African, Armenian.

export interface NamePool {
  male: readonly string[];
  female: readonly string[];
  family: readonly string[];
}

/** Names by origin, so that given and family names go together as they do in the programmes' territories. */
export const ORIGINS = {
  french: {
    male: ['Philippe', 'Patrick', 'Thierry', 'Pascal', 'Éric', 'Laurent', 'Christophe', 'Stéphane', 'Frédéric', 'David', 'Olivier', 'Nicolas', 'Sébastien', 'Julien', 'Jérôme', 'Franck', 'Didier', 'Jean-Marc', 'Jean-Pierre', 'Michel', 'Alain', 'Gérard', 'Bruno', 'Kévin', 'Anthony', 'Dylan', 'Arthur', 'Gilles', 'Hervé', 'Ludovic', 'Cédric', 'Arnaud'],
    female: ['Martine', 'Sylvie', 'Nathalie', 'Isabelle', 'Christine', 'Sandrine', 'Valérie', 'Catherine', 'Véronique', 'Céline', 'Stéphanie', 'Aurélie', 'Émilie', 'Julie', 'Laëtitia', 'Sabrina', 'Patricia', 'Brigitte', 'Monique', 'Chantal', 'Annie', 'Françoise', 'Élodie', 'Marion', 'Camille', 'Manon', 'Jessica', 'Mélanie'],
    family: ['Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefebvre', 'Michel', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier', 'Dupont', 'Lambert', 'Bonnet', 'François', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc', 'Guérin', 'Henry', 'Roussel', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier', 'Dumont', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Boyer', 'Denis', 'Lemaire', 'Duval', 'Joly', 'Roger', 'Roche', 'Noël', 'Lucas', 'Meunier', 'Marchand', 'Dufour', 'Lecomte'],
  },
  maghreb: {
    male: ['Karim', 'Mohamed', 'Rachid', 'Mehdi', 'Nordine', 'Farid', 'Sofiane', 'Yacine', 'Ahmed', 'Samir', 'Bilal', 'Djamel'],
    female: ['Nadia', 'Samira', 'Fatima', 'Yasmina', 'Karima', 'Leïla', 'Sonia', 'Aïcha', 'Inès', 'Malika', 'Naïma'],
    family: ['Haddad', 'Benali', 'Bouzid', 'Benmoussa', 'Cherif', 'Belkacem', 'Amrani', 'Mansouri', 'Saïdi', 'Hamidi', 'Zerrouki', 'Meziane', 'Boudjema', 'Khelifi'],
  },
  italian: {
    male: ['Marco', 'Luca', 'Antonio', 'Giovanni', 'Salvatore'],
    female: ['Giulia', 'Maria', 'Francesca', 'Rosa'],
    family: ['Esposito', 'Romano', 'Russo', 'Ricci', 'Rossi', 'Bianchi', 'Orsini', 'Santoni', 'Colombo', 'Greco'],
  },
  iberian: {
    male: ['José', 'Manuel', 'António', 'Carlos', 'Paulo'],
    female: ['Ana', 'Maria', 'Carmen', 'Isabel'],
    family: ['Ferreira', 'Pereira', 'Da Silva', 'Dos Santos', 'Rodrigues', 'Fernandes', 'Garcia', 'Martinez', 'Lopez', 'Sanchez', 'Perez'],
  },
  polish: {
    male: ['Tomasz', 'Krzysztof', 'Piotr', 'Marek'],
    female: ['Agnieszka', 'Katarzyna', 'Anna'],
    family: ['Kowalski', 'Nowak', 'Wiśniewski', 'Lewandowski', 'Kaczmarek', 'Zieliński'],
  },
  lorraine: {
    male: ['Jean-Marc', 'Bernard', 'Gérard', 'Christian', 'Hubert', 'Patrick'],
    female: ['Monique', 'Christiane', 'Sandrine', 'Marie-Thérèse', 'Nathalie'],
    family: ['Schmitt', 'Weber', 'Klein', 'Hoffmann', 'Becker', 'Wagner', 'Muller', 'Meyer', 'Schneider', 'Kieffer', 'Fischer'],
  },
  flemish: {
    male: ['Dominique', 'Jean-Luc', 'Freddy', 'Johan'],
    female: ['Christelle', 'Brigitte', 'Ingrid'],
    family: ['Vandenberghe', 'Delattre', 'Desmet', 'Vermeulen', 'Vandamme', 'Delcroix', 'Verhaeghe'],
  },
  westAfrican: {
    male: ['Mamadou', 'Moussa', 'Ibrahima', 'Amadou'],
    female: ['Mariama', 'Aminata', 'Fatoumata'],
    family: ['Diallo', 'Traoré', 'Cissé', 'Koné', 'Sow', 'Ndiaye', 'Camara'],
  },
  armenian: {
    male: ['Vartan', 'Arthur', 'Aram'],
    female: ['Anahit', 'Nairi', 'Lucine'],
    family: ['Petrossian', 'Martirossian', 'Manoukian', 'Sarkissian'],
  },
} as const satisfies Record<string, NamePool>;
export type Origin = keyof typeof ORIGINS;

/** The mix of origins in each territory (rough, for realism only). */
export const ORIGIN_MIX: Record<'marseille' | 'roubaix' | 'forbach', readonly (readonly [Origin, number])[]> = {
  marseille: [['french', 45], ['maghreb', 25], ['italian', 10], ['armenian', 6], ['westAfrican', 6], ['iberian', 8]],
  roubaix: [['french', 50], ['maghreb', 24], ['flemish', 10], ['iberian', 8], ['polish', 4], ['westAfrican', 4]],
  forbach: [['french', 35], ['lorraine', 25], ['italian', 14], ['polish', 10], ['maghreb', 12], ['iberian', 4]],
};

export interface Place {
  city: string;
  /** Postal code of a residence address. */
  postalCode: string;
  /** INSEE commune code, used in birth places and the INS (as the profiles' examples do). */
  insee: string;
}

/** Birth places: mostly the programmes' regions, some elsewhere in France (Corsica included). */
export const BIRTH_PLACES: readonly Place[] = [
  { city: 'Marseille', postalCode: '13001', insee: '13055' },
  { city: 'Aix-en-Provence', postalCode: '13100', insee: '13001' },
  { city: 'Toulon', postalCode: '83000', insee: '83137' },
  { city: 'Avignon', postalCode: '84000', insee: '84007' },
  { city: 'Nice', postalCode: '06000', insee: '06088' },
  { city: 'Lille', postalCode: '59000', insee: '59350' },
  { city: 'Roubaix', postalCode: '59100', insee: '59512' },
  { city: 'Tourcoing', postalCode: '59200', insee: '59599' },
  { city: 'Valenciennes', postalCode: '59300', insee: '59606' },
  { city: 'Lens', postalCode: '62300', insee: '62498' },
  { city: 'Metz', postalCode: '57000', insee: '57463' },
  { city: 'Forbach', postalCode: '57600', insee: '57227' },
  { city: 'Sarreguemines', postalCode: '57200', insee: '57631' },
  { city: 'Nancy', postalCode: '54000', insee: '54395' },
  { city: 'Strasbourg', postalCode: '67000', insee: '67482' },
  { city: 'Paris', postalCode: '75001', insee: '75056' },
  { city: 'Lyon', postalCode: '69001', insee: '69123' },
  { city: 'Saint-Étienne', postalCode: '42000', insee: '42218' },
  { city: 'Bordeaux', postalCode: '33000', insee: '33063' },
  { city: 'Toulouse', postalCode: '31000', insee: '31555' },
  { city: 'Nantes', postalCode: '44000', insee: '44109' },
  { city: 'Rennes', postalCode: '35000', insee: '35238' },
  { city: 'Ajaccio', postalCode: '20000', insee: '2A004' },
  { city: 'Bastia', postalCode: '20200', insee: '2B033' },
];

/** Where each programme's people live. */
export const HOMES = {
  marseille: [
    { city: 'Marseille', postalCode: '13001', insee: '13055' }, { city: 'Marseille', postalCode: '13002', insee: '13055' },
    { city: 'Marseille', postalCode: '13003', insee: '13055' }, { city: 'Marseille', postalCode: '13004', insee: '13055' },
    { city: 'Marseille', postalCode: '13013', insee: '13055' }, { city: 'Marseille', postalCode: '13014', insee: '13055' },
    { city: 'Marseille', postalCode: '13015', insee: '13055' }, { city: 'Marseille', postalCode: '13016', insee: '13055' },
  ],
  roubaix: [
    { city: 'Roubaix', postalCode: '59100', insee: '59512' }, { city: 'Tourcoing', postalCode: '59200', insee: '59599' },
    { city: 'Wattrelos', postalCode: '59150', insee: '59650' }, { city: 'Lille', postalCode: '59000', insee: '59350' },
    { city: 'Croix', postalCode: '59170', insee: '59163' },
  ],
  forbach: [
    { city: 'Forbach', postalCode: '57600', insee: '57227' }, { city: 'Stiring-Wendel', postalCode: '57350', insee: '57660' },
    { city: 'Behren-lès-Forbach', postalCode: '57460', insee: '57058' }, { city: 'Freyming-Merlebach', postalCode: '57800', insee: '57240' },
  ],
} as const satisfies Record<string, readonly Place[]>;

export const STREETS = [
  'rue de la République', 'boulevard National', 'rue Félix Pyat', 'avenue Jean Jaurès', 'rue Jules Guesde',
  'rue Pasteur', 'rue Victor Hugo', 'rue de Lannoy', 'boulevard de Strasbourg', 'rue du Général Leclerc',
  'rue Émile Zola', 'rue des Écoles', 'avenue de la Libération', 'rue Nationale', 'cité des Fleurs',
] as const;
