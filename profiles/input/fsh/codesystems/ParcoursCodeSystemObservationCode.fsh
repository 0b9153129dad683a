CodeSystem: ParcoursCodeSystemObservationCode
Id: parcours-observation-code
Title: "Codes de composants d'observation / Observation component codes"
Description: "Composants de l'observation des autres consommations (sans équivalent LOINC simple). — Components of the other-substance observation (no simple LOINC equivalent)."
* insert ParcoursCodeSystem
* #frequence "Fréquence d'usage" "Fréquence de consommation."
* #frequence insert En(Frequency of use)
* #voie "Voie d'usage" "Mode de consommation."
* #voie insert En(Route of use)
* #contexte "Contexte d'usage" "Contexte dans lequel la personne consomme."
* #contexte insert En(Context of use)
