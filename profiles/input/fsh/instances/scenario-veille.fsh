// The care-break watch (packages/watch) on the harm-reduction scenario: its Device and the Flag it raised when
// Martine missed two appointments in a row.

Instance: DeviceWatchExample
InstanceOf: Device
Title: "Veille des ruptures de soins Parcours"
Usage: #example
* status = #active
* deviceName.name = "Veille des ruptures de soins Parcours / Parcours care-break watch"
* deviceName.type = #user-friendly-name

Instance: FlagCareBreakMissedExample
InstanceOf: ParcoursFlagCareBreak
Title: "Alerte : deux rendez-vous manqués à la suite pour Martine"
Usage: #example
* identifier.system = "https://fhir.parcours.fr/identifier/watch-flag"
* identifier.value = "rendez-vous-manques|Patient/PatientRdrAlcoolExample"
* status = #active
* code = ParcoursCodeSystemCareBreakRule#rendez-vous-manques
* code.text = "2 rendez-vous manqués à la suite"
* subject = Reference(PatientRdrAlcoolExample)
* period.start = "2024-02-05"
* author = Reference(DeviceWatchExample)
