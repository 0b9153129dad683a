ValueSet: ParcoursValueSetOrientationOutcome
Id: parcours-orientation-outcome
Title: "Suites d'une orientation / Orientation follow-through"
Description: "Tous les codes de ParcoursCodeSystemOrientationOutcome. — All codes of ParcoursCodeSystemOrientationOutcome."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemOrientationOutcome
