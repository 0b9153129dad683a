ValueSet: ParcoursValueSetUseFrequency
Id: parcours-use-frequency
Title: "Fréquences d'usage / Frequencies of use"
Description: "Tous les codes de ParcoursCodeSystemUseFrequency. — All codes of ParcoursCodeSystemUseFrequency."
* insert ParcoursValueSet
* include codes from system ParcoursCodeSystemUseFrequency
