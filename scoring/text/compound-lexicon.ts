/**
 * Words that compound splitting may cut a vocational compound into, as heads (the last part) or modifiers.
 * Curated rather than learnt: a wrong split ('vej|leder', 'kasse|rer') does more harm to matching than a missed
 * one, so everything here is a word a job ad or CV would plausibly combine. Lowercase, uninflected.
 *
 * Lexicalised compounds are listed whole (kørekort, medarbejder, plejehjem) so they are not split into parts that
 * mean something else; a whole-word entry is never split itself, but can still be a part of a longer compound.
 */
const ROLES = `
  medarbejder medhjælper arbejder arbejdsmand hjælper hjælp assistent fører chauffør kører operatør tekniker
  mekaniker montør installatør udvikler programmør supporter leder chef ansvarlig konsulent koordinator rådgiver
  sekretær bogholder elev lærling svend mester mand dame formand planlægger disponent ekspedient sælger pakker
  plukker opvasker rengører pudser passer plejer plejerske pædagog lærer underviser vikar smed maler murer tømrer
  snedker elektriker gartner slagter bager konditor kok tjener receptionist telefonist portør vicevært pedel
  funktionær omdeler mager lakerer graver svejser betjent vejleder agent personale
`;

const COMPETENCES = `
  arbejde opgave opgaver job erfaring kendskab certifikat bevis kørekort kursus uddannelse efteruddannelse eksamen
  prøve system styring kontrol service pleje omsorg rengøring salg indkøb modtagelse håndtering administration
  regnskab bogføring bogholderi pakning plukning montage montering produktion planlægning drift behandling
  betjening bestilling vejledning udbringning ekspedition påfyldning opfyldning optælling eksponering fakturering
  afregning indberetning afstemning opsætning læsning løft teknik finding søgning installation renovering
  belægning lægning slåning klipning udskæring forarbejdning bagning servering omdeling flytning transport
  forsyning undervisning ledelse udtagning stimulering samarbejde kontakt pasning vask polering pudsning lavning
  givning kørsel booking sortering støbning svejsning sterilisation rehabilitering skift klargøring
`;

const DOMAINS = `
  lager truck gaffeltruck reach skubmaster stabler palle kran lift bil lastbil last vogn lastvogn personvogn
  person bus taxa taxi vare varebil bud post pakke pak pluk ordre vindue gulv maskine maskin kunde butik kasse
  kontor løn økonomi data it web software netværk support telefon call center kontakt
  reception hotel restaurant restauration café cafe kantine køkken stor opvask mad menu kost diæt pizza
  smørrebrød brød kage dej kød kniv pleje sundhed social sosu hjemme ældre børn dag handicap demens syge
  sygehus sygepleje sygeplejerske hospital patient medicin sår psykiatri klinik tand tandlæge instrument røntgen
  respirator infektion hygiejne pædagogik natur sprog forældre vuggestue børnehave institution skole folkeskole
  fritid klub klasse dansk matematik special time bygge byggeri byggeplads bygning anlæg jord beton stillads
  rulle tag gulv flise puds spartel tapet sprøjte maling facade vvs el elektronik elektro automatik ventilation
  køle varme pumpe kloak rør badeværelse gips ny konstruktion plade montage fabrik
  industri cnc proces kvalitet laboratorie mejeri plast metal stål træ værktøj fødevare slagteri bageri
  landbrug stald mark svin kvæg dyr velfærd foder fodring traktor skov gartneri have park vej græs hæk mini grave
  renovation affald genbrug flytte møbel vagt sikkerhed brand førstehjælp adr teleskoplæsser læsser
  gravemaskine entreprenør ejendom beboer hverdag erhverv samlebånd linje skiftehold hold tegning måle
  distribution logistik rute chauffør projekt team afdeling auto cykel dæk syn motor frugt bær jordbær høst
  tank bagage fly lufthavn skib regler faktura møde kalender debitor kreditor moms bank sag journal
  frontdesk helpdesk gæst selskab bar kaffe apparat ansvar egen tavle fejl plan plejehjem vognmand tårn
  nat weekend handel detail engros terminal ned borger hånd scanner stregkode
  losning lastning certificering pakkeri parkering høj reol ernæring bog føring klejnsmed
`;

export const COMPOUND_LEXICON: ReadonlySet<string> = new Set(
  `${ROLES} ${COMPETENCES} ${DOMAINS}`.split(/\s+/).filter((word) => word.length > 0),
);
