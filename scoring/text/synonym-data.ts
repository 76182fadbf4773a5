/**
 * A group of Danish phrases that a job order and a CV use for the same competence or occupation.
 * `id` is the canonical label (also a member); `terms` are lowercase phrases as people write them, matched on stems
 * with stopwords dropped, so 'pluk og pak' and 'pluk- og pakmedarbejder' need no inflected or hyphenated variants.
 */
export interface SynonymGroup {
  id: string;
  terms: readonly string[];
}

/*
 * Curation rules, because a wrong synonym silently ranks the wrong people first:
 * - members must be interchangeable in a job order; a narrower term goes in only where employers use it as the
 *   general one (e.g. 'hjemmehjælper' for SOSU-hjælper, its former title);
 * - no member whose stem is also an everyday word: bare 'lærer' stems to 'lær' like 'lære' (to learn), 'udvikler'
 *   like 'udvikle', 'vagt' means a shift, 'drejer' is 'turns' ('drejer sig om'), so those are left out;
 * - compound variants written apart or hyphenated need no entry: matching splits compounds.
 */
export const SYNONYM_GROUPS: readonly SynonymGroup[] = [
  // Lager og logistik
  {
    id: 'truckcertifikat',
    terms: [
      'truckcertifikat',
      'truckkørekort',
      'gaffeltruckcertifikat',
      'gaffeltruck certifikat',
      'gaffeltruckkørekort',
      'truckbevis',
      'truckførerbevis',
      'truckførercertifikat',
      'gaffeltruckbevis',
      'truckuddannelse',
    ],
  },
  {
    id: 'truckfører',
    terms: ['truckfører', 'truckchauffør', 'gaffeltruckfører', 'gaffeltruckchauffør', 'truckkører'],
  },
  { id: 'reachtruck', terms: ['reachtruck', 'skubmaster', 'skubmastertruck', 'reachtruckfører'] },
  {
    id: 'lagermedarbejder',
    terms: [
      'lagermedarbejder',
      'lagerarbejder',
      'lagerassistent',
      'lagerhjælper',
      'lagermand',
      'lagerekspedient',
      'lageroperatør',
      'lager- og logistikoperatør',
      'logistikoperatør',
      'pluk og pak medarbejder',
      'pluk- og pakmedarbejder',
      'warehouse worker',
    ],
  },
  {
    id: 'lagerchef',
    terms: ['lagerchef', 'lagerleder', 'lagerformand', 'lagerforvalter', 'warehouse manager'],
  },
  {
    id: 'ordreplukning',
    terms: [
      'ordreplukning',
      'plukning',
      'ordrepluk',
      'pluk og pak',
      'plukke ordrer',
      'ordreplukker',
      'voice picking',
      'pluk af ordrer',
    ],
  },
  {
    id: 'pakning',
    terms: ['pakning', 'pakkeri', 'emballering', 'pakkemedarbejder', 'pakkeriarbejder', 'pakkerimedarbejder'],
  },
  {
    id: 'lagerstyring',
    terms: [
      'lagerstyring',
      'wms',
      'lagerstyringssystem',
      'lagersystem',
      'warehouse management system',
      'lageradministration',
      'lagerkontrol',
    ],
  },
  { id: 'lageroptælling', terms: ['lageroptælling', 'vareoptælling', 'statusoptælling', 'lagerstatus'] },
  {
    id: 'varemodtagelse',
    terms: [
      'varemodtagelse',
      'varemodtagning',
      'modtagelse af varer',
      'godsmodtagelse',
      'varemodtager',
      'vareindlevering',
    ],
  },
  { id: 'håndscanner', terms: ['håndscanner', 'håndterminal', 'stregkodescanner', 'barcode scanner'] },
  {
    id: 'palleløfter',
    terms: ['palleløfter', 'el-palleløfter', 'elektrisk palleløfter', 'jekketruck', 'lavtløfter'],
  },
  { id: 'el-stabler', terms: ['el-stabler', 'elstabler', 'stablerkørsel', 'højtløfter'] },
  { id: 'højlager', terms: ['højlager', 'højreol', 'højreolslager'] },
  {
    id: 'læsning-og-losning',
    terms: ['læsning og losning', 'lastning og losning', 'læsse og losse', 'laste og losse'],
  },
  {
    id: 'disponent',
    terms: [
      'disponent',
      'transportdisponent',
      'trafikdisponent',
      'transportplanlægger',
      'kørselsplanlægger',
      'kørselsleder',
    ],
  },

  // Rengøring og service
  {
    id: 'rengøringsassistent',
    terms: [
      'rengøringsassistent',
      'rengøringsmedarbejder',
      'rengøringshjælp',
      'rengøringshjælper',
      'servicemedarbejder',
      'rengøringsdame',
      'erhvervsrengøringsmedarbejder',
    ],
  },
  { id: 'erhvervsrengøring', terms: ['erhvervsrengøring', 'kontorrengøring', 'rengøring af kontorer'] },
  { id: 'hospitalsrengøring', terms: ['hospitalsrengøring', 'rengøring på hospital', 'sygehusrengøring'] },
  { id: 'rengøringsleder', terms: ['rengøringsleder', 'rengøringsinspektør', 'rengøringsformand'] },
  { id: 'insta-800', terms: ['insta 800', 'insta800', 'kvalitetsstandard insta 800'] },
  { id: 'gulvpleje', terms: ['gulvpleje', 'gulvbehandling', 'gulvvask'] },
  { id: 'rengøringsmaskine', terms: ['rengøringsmaskine', 'gulvvaskemaskine', 'skuremaskine'] },
  {
    id: 'vinduespudsning',
    terms: ['vinduespudsning', 'vinduespolering', 'vinduespudser', 'vinduespolerer', 'vinduesrengøring'],
  },
  {
    id: 'vicevært',
    terms: [
      'vicevært',
      'ejendomsservicetekniker',
      'pedel',
      'ejendomsfunktionær',
      'varmemester',
      'ejendomsmedarbejder',
      'teknisk servicemedarbejder',
      'skolepedel',
    ],
  },
  { id: 'ejendomsservice', terms: ['ejendomsservice', 'ejendomsdrift', 'drift af ejendomme'] },
  { id: 'portør', terms: ['portør', 'hospitalsportør', 'sygehusportør', 'patientportør'] },
  {
    id: 'stuepige',
    terms: ['stuepige', 'housekeeping', 'room attendant', 'roomattendant', 'hotelrengøring'],
  },
  {
    id: 'renovationsarbejder',
    terms: ['renovationsarbejder', 'renovationsmedarbejder', 'skraldemand', 'affaldsindsamler'],
  },
  {
    id: 'genbrugspladsmedarbejder',
    terms: ['genbrugspladsmedarbejder', 'genbrugspladsassistent', 'genbrugsstationsmedarbejder'],
  },

  // Pleje og sundhed
  {
    id: 'sosu-hjælper',
    terms: [
      'social- og sundhedshjælper',
      'sosu-hjælper',
      'sosuhjælper',
      'sundhedshjælper',
      'hjemmehjælper',
      'shh',
    ],
  },
  {
    id: 'sosu-assistent',
    terms: ['social- og sundhedsassistent', 'sosu-assistent', 'sosuassistent', 'sundhedsassistent', 'ssa'],
  },
  { id: 'plejehjemsassistent', terms: ['plejehjemsassistent', 'sygehjælper'] },
  {
    id: 'plejemedhjælper',
    terms: ['plejemedhjælper', 'plejehjælper', 'omsorgsmedhjælper', 'omsorgshjælper'],
  },
  {
    id: 'sygeplejerske',
    terms: ['sygeplejerske', 'autoriseret sygeplejerske', 'klinisk sygeplejerske', 'nurse'],
  },
  { id: 'hjemmesygeplejerske', terms: ['hjemmesygeplejerske', 'hjemmesygeplejen', 'distriktssygeplejerske'] },
  { id: 'sygepleje', terms: ['sygepleje', 'sygeplejefaglige opgaver', 'klinisk sygepleje'] },
  { id: 'hjemmepleje', terms: ['hjemmepleje', 'hjemmeplejen', 'pleje i eget hjem'] },
  { id: 'ældrepleje', terms: ['ældrepleje', 'ældreomsorg', 'ældreområdet', 'ældresektoren'] },
  { id: 'personlig-pleje', terms: ['personlig pleje', 'personlig hygiejne', 'nedre toilette'] },
  {
    id: 'handicaphjælper',
    terms: ['handicaphjælper', 'bpa-hjælper', 'personlig hjælper', 'hjælper for handicappet'],
  },
  { id: 'bpa', terms: ['bpa', 'borgerstyret personlig assistance'] },
  {
    id: 'medicinhåndtering',
    terms: [
      'medicinhåndtering',
      'medicingivning',
      'medicinadministration',
      'medicinuddeling',
      'dosering af medicin',
    ],
  },
  {
    id: 'forflytning',
    terms: [
      'forflytning',
      'forflytningsteknik',
      'forflytningskursus',
      'personforflytning',
      'patientforflytning',
    ],
  },
  { id: 'demens', terms: ['demens', 'demensomsorg', 'demenspleje', 'demensområdet', 'demenskursus'] },
  { id: 'sårpleje', terms: ['sårpleje', 'sårbehandling'] },
  { id: 'rehabilitering', terms: ['rehabilitering', 'hverdagsrehabilitering', 'genoptræning'] },
  { id: 'psykiatri', terms: ['psykiatri', 'socialpsykiatri', 'psykiatrisk erfaring', 'psykiatrien'] },
  { id: 'palliation', terms: ['palliation', 'palliativ pleje', 'terminal pleje'] },
  { id: 'omsorgsjournal', terms: ['omsorgsjournal', 'omsorgssystem', 'nexus', 'cura'] },
  {
    id: 'patientjournal',
    terms: ['patientjournal', 'elektronisk patientjournal', 'epj', 'sundhedsplatformen'],
  },
  {
    id: 'lægesekretær',
    terms: ['lægesekretær', 'sundhedsadministrativ koordinator', 'klinisk sekretær', 'hospitalssekretær'],
  },
  { id: 'tandklinikassistent', terms: ['tandklinikassistent', 'klinikassistent', 'tandlægeassistent'] },
  { id: 'apoteksassistent', terms: ['apoteksassistent', 'farmakonom', 'apoteksmedarbejder'] },
  { id: 'ambulancebehandler', terms: ['ambulancebehandler', 'ambulanceassistent', 'paramediciner'] },
  { id: 'jordemoder', terms: ['jordemoder', 'jordemor', 'midwife'] },
  { id: 'sterilisation', terms: ['sterilisation', 'sterilisering', 'instrumentpleje'] },

  // Pædagogik og undervisning
  {
    id: 'pædagogmedhjælper',
    terms: [
      'pædagogmedhjælper',
      'pædagogisk assistent',
      'pau',
      'pædagogisk medhjælper',
      'pæd. medhjælper',
      'medhjælper i børnehave',
      'medhjælper i vuggestue',
      'børnehavemedhjælper',
      'vuggestuemedhjælper',
      'pædagoghjælper',
    ],
  },
  {
    id: 'pædagog',
    terms: [
      'pædagog',
      'børnehavepædagog',
      'vuggestuepædagog',
      'pædagog i børnehave',
      'daginstitutionspædagog',
    ],
  },
  { id: 'socialpædagog', terms: ['socialpædagog', 'socialpædagogisk medarbejder', 'behandlingspædagog'] },
  { id: 'socialpædagogik', terms: ['socialpædagogik', 'socialpædagogisk arbejde'] },
  { id: 'specialpædagogik', terms: ['specialpædagogik', 'specialpædagogisk arbejde'] },
  { id: 'fritidspædagog', terms: ['fritidspædagog', 'sfo-pædagog', 'klubpædagog'] },
  // 'dagplejer' and 'dagpleje' share a stem, so the person and the service are one group.
  {
    id: 'dagplejer',
    terms: ['dagplejer', 'dagpleje', 'dagplejemor', 'dagplejefar', 'kommunal dagpleje', 'gæstedagplejer'],
  },
  {
    id: 'sfo',
    terms: ['sfo', 'skolefritidsordning', 'fritidshjem', 'fritidsordning'],
  },
  {
    id: 'sfo-medarbejder',
    terms: ['sfo-medarbejder', 'sfo-medhjælper', 'fritidshjemsmedhjælper', 'klubmedarbejder'],
  },
  { id: 'småbørn', terms: ['småbørn', 'vuggestuebørn', 'børn 0-3 år'] },
  { id: 'læreplaner', terms: ['læreplaner', 'pædagogiske læreplaner', 'den styrkede pædagogiske læreplan'] },
  { id: 'forældresamarbejde', terms: ['forældresamarbejde', 'forældrekontakt', 'samarbejde med forældre'] },
  { id: 'sprogstimulering', terms: ['sprogstimulering', 'sprogarbejde', 'sprogpædagogik'] },
  { id: 'naturpædagogik', terms: ['naturpædagogik', 'udeliv', 'udeaktiviteter', 'udepædagogik'] },
  { id: 'inklusion', terms: ['inklusion', 'inkluderende pædagogik', 'inkluderende fællesskaber'] },
  { id: 'konflikthåndtering', terms: ['konflikthåndtering', 'konfliktløsning', 'low arousal'] },
  { id: 'børnepasning', terms: ['børnepasning', 'babysitter', 'barnepige', 'børnepasser'] },
  {
    id: 'skolelærer',
    terms: ['skolelærer', 'folkeskolelærer', 'lærer i folkeskolen', 'grundskolelærer', 'uddannet lærer'],
  },
  { id: 'lærervikar', terms: ['lærervikar', 'skolevikar', 'undervisningsvikar', 'timelærer'] },
  { id: 'undervisning', terms: ['undervisning', 'undervisningserfaring', 'undervisningsopgaver'] },
  {
    id: 'dansk-som-andetsprog',
    terms: ['dansk som andetsprog', 'dsa', 'dansk som 2. sprog', 'dansk som fremmedsprog'],
  },
  { id: 'klasseledelse', terms: ['klasseledelse', 'klasserumsledelse'] },

  // Køkken, kantine og restauration. 'køkkenmedarbejder' is kitchen staff in general, not a trained kok, so it
  // sits with køkkenhjælper.
  {
    id: 'kok',
    terms: ['kok', 'gastronom', 'restaurantkok', 'restaurationskok', 'kantinekok', 'cafékok'],
  },
  {
    id: 'køkkenhjælper',
    terms: [
      'køkkenhjælper',
      'køkkenmedarbejder',
      'køkkenassistent',
      'opvasker',
      'opvask',
      'opvaskning',
      'køkkenmedhjælper',
      'opvaskemedarbejder',
      'kokkemedhjælper',
    ],
  },
  { id: 'køkkenchef', terms: ['køkkenchef', 'køkkenleder', 'chefkok', 'køkkenansvarlig', 'head chef'] },
  { id: 'ernæringsassistent', terms: ['ernæringsassistent', 'økonoma'] },
  { id: 'kantinemedarbejder', terms: ['kantinemedarbejder', 'kantineassistent', 'kantinemedhjælper'] },
  { id: 'cafémedarbejder', terms: ['cafémedarbejder', 'cafemedarbejder', 'caféassistent', 'cafeassistent'] },
  { id: 'smørrebrødsjomfru', terms: ['smørrebrødsjomfru', 'smørrebrødsdame', 'smørrebrødsmedarbejder'] },
  { id: 'pizzabager', terms: ['pizzabager', 'pizzamager', 'pizzakok'] },
  { id: 'madlavning', terms: ['madlavning', 'tilberedning af mad', 'madtilberedning'] },
  { id: 'storkøkken', terms: ['storkøkken', 'kantinekøkken', 'storkøkkendrift', 'produktionskøkken'] },
  { id: 'egenkontrol', terms: ['egenkontrol', 'haccp', 'egenkontrolprogram'] },
  {
    id: 'hygiejnebevis',
    terms: ['hygiejnebevis', 'hygiejnecertifikat', 'hygiejnekursus', 'fødevarehygiejne'],
  },
  { id: 'menuplanlægning', terms: ['menuplanlægning', 'planlægning af menuer', 'menuplan'] },
  { id: 'vareindkøb', terms: ['vareindkøb', 'varebestilling', 'indkøb af råvarer', 'råvareindkøb'] },
  { id: 'à-la-carte', terms: ['à la carte', 'a la carte', 'alacarte'] },
  { id: 'anretning', terms: ['anretning', 'anretning af buffet', 'buffetopsætning'] },
  {
    id: 'tjener',
    terms: [
      'tjener',
      'serveringsmedarbejder',
      'servitrice',
      'servitør',
      'serveringspersonale',
      'serveringsassistent',
      'waitress',
    ],
  },
  { id: 'servering', terms: ['servering', 'serveringsarbejde', 'servering ved bordene'] },
  { id: 'bartender', terms: ['bartender', 'barmedarbejder', 'barpersonale', 'bartjener'] },
  { id: 'barista', terms: ['barista', 'kaffebarmedarbejder'] },
  { id: 'hotelmedarbejder', terms: ['hotelmedarbejder', 'hotelassistent', 'hotelpersonale'] },
  { id: 'bager', terms: ['bager', 'bagersvend', 'brødbager', 'industribager'] },
  { id: 'konditor', terms: ['konditor', 'konditorsvend', 'kagebager'] },
  { id: 'slagter', terms: ['slagter', 'slagtersvend', 'udskærer', 'kødudskærer'] },
  { id: 'slagteriarbejder', terms: ['slagteriarbejder', 'slagterimedarbejder', 'slagteriassistent'] },
  { id: 'udskæring', terms: ['udskæring', 'udskæring af kød', 'kødudskæring'] },
  { id: 'kødforarbejdning', terms: ['kødforarbejdning', 'forarbejdning af kød', 'pølsemageri'] },

  // Chauffør og transport
  {
    id: 'lastbilchauffør',
    terms: [
      'lastbilchauffør',
      'chauffør kategori c',
      'ce-chauffør',
      'c-chauffør',
      'lastvognschauffør',
      'chauffør c/ce',
      'sættevognschauffør',
      'trailerchauffør',
      'vognmandschauffør',
      'lastbilkører',
    ],
  },
  {
    id: 'kørekort-b',
    terms: [
      'kørekort b',
      'b-kørekort',
      'kørekort kategori b',
      'almindeligt kørekort',
      'bilkørekort',
      'kørekort til bil',
    ],
  },
  {
    id: 'kørekort-be',
    terms: ['kørekort be', 'be-kørekort', 'kørekort kategori be', 'trailerkørekort', 'kørekort til trailer'],
  },
  {
    id: 'kørekort-c',
    terms: [
      'kørekort c',
      'c-kørekort',
      'kørekort kategori c',
      'lastbilkørekort',
      'kørekort til lastbil',
      'stort kørekort',
    ],
  },
  {
    id: 'kørekort-ce',
    terms: ['kørekort ce', 'ce-kørekort', 'kørekort kategori ce', 'kørekort c/e', 'kørekort til sættevogn'],
  },
  {
    id: 'kørekort-d',
    terms: ['kørekort d', 'd-kørekort', 'kørekort kategori d', 'buskørekort', 'kørekort til bus'],
  },
  {
    id: 'buschauffør',
    terms: [
      'buschauffør',
      'buschauffør d',
      'buschauffør kategori d',
      'chauffør kategori d',
      'd-chauffør',
      'rutebilchauffør',
      'busfører',
      'buskører',
      'chauffør bus',
    ],
  },
  {
    id: 'varebilschauffør',
    terms: [
      'varebilschauffør',
      'budchauffør',
      'budbilschauffør',
      'varevognschauffør',
      'kurerchauffør',
      'pakkechauffør',
    ],
  },
  { id: 'taxachauffør', terms: ['taxachauffør', 'taxichauffør', 'hyrevognschauffør', 'taxavognmand'] },
  { id: 'taxikørekort', terms: ['taxikørekort', 'taxakørekort', 'erhvervskørekort'] },
  {
    id: 'kvalifikationsbevis',
    terms: [
      'kvalifikationsbevis',
      'chaufføruddannelse',
      'eu-efteruddannelse',
      'chaufføruddannelsesbevis',
      'kode 95',
      'code 95',
      'grundlæggende kvalifikationsuddannelse',
      'efteruddannelse for chauffører',
    ],
  },
  {
    id: 'adr-bevis',
    terms: ['adr-bevis', 'adr', 'adr-certifikat', 'adr-kursus', 'farligt gods', 'farligt gods bevis'],
  },
  {
    id: 'fartskriver',
    terms: [
      'fartskriver',
      'digital fartskriver',
      'tachograf',
      'chaufførkort',
      'køre- og hviletid',
      'køre- og hviletidsregler',
    ],
  },
  {
    id: 'distributionskørsel',
    terms: ['distributionskørsel', 'varekørsel', 'varedistribution', 'distributionschauffør'],
  },
  {
    id: 'pakkeudbringning',
    terms: ['pakkeudbringning', 'pakkelevering', 'udbringning af pakker', 'pakkeomdeling'],
  },
  { id: 'rutekørsel', terms: ['rutekørsel', 'rutebuskørsel', 'bybuskørsel', 'bybus'] },
  {
    id: 'handicapkørsel',
    terms: ['handicapkørsel', 'flextrafik', 'kørsel med kørestolsbrugere', 'patientkørsel'],
  },
  { id: 'ruteplanlægning', terms: ['ruteplanlægning', 'kørselsplanlægning'] },
  { id: 'lokomotivfører', terms: ['lokomotivfører', 'lokofører'] },
  {
    id: 'bagagemedarbejder',
    terms: ['bagagemedarbejder', 'bagagehåndtering', 'bagagehåndterer', 'rampemedarbejder', 'ramp agent'],
  },
  { id: 'skibsassistent', terms: ['skibsassistent', 'matros', 'dæksmand'] },
  {
    id: 'flyttemand',
    terms: ['flyttemand', 'flyttearbejder', 'flyttemedarbejder', 'flyttehjælper', 'møbelpakker'],
  },
  { id: 'postbud', terms: ['postbud', 'postomdeler', 'brevbærer', 'postmedarbejder'] },
  { id: 'avisbud', terms: ['avisbud', 'avisomdeler', 'omdeler', 'reklameomdeler'] },
  { id: 'omdeling', terms: ['omdeling', 'postomdeling', 'post omdeling', 'omdeling af post'] },

  // Kran, lift og maskiner
  {
    id: 'krancertifikat',
    terms: ['krancertifikat', 'kranførerbevis', 'kranførercertifikat', 'kranbevis', 'kranførerkursus'],
  },
  { id: 'kranfører', terms: ['kranfører', 'kranoperatør', 'tårnkranfører', 'mobilkranfører'] },
  { id: 'lastbilmonteret-kran', terms: ['lastbilmonteret kran', 'lastbilkran', 'kran på lastbil'] },
  {
    id: 'teleskoplæsser-certifikat',
    terms: [
      'teleskoplæsser certifikat',
      'teleskoplæssercertifikat',
      'teleskoplæsserbevis',
      'teleskoplæsserkursus',
    ],
  },
  {
    id: 'liftcertifikat',
    terms: ['liftcertifikat', 'liftbevis', 'liftkursus', 'personløftercertifikat', 'personløfterbevis'],
  },
  {
    id: 'maskinfører',
    terms: [
      'maskinfører',
      'entreprenørmaskinfører',
      'gravemaskinefører',
      'gravemaskineoperatør',
      'læssemaskinefører',
    ],
  },
  { id: 'minigraver', terms: ['minigraver', 'minigravemaskine', 'minigraverfører'] },

  // Bygge og anlæg
  { id: 'tømrer', terms: ['tømrer', 'tømrersvend', 'bygningstømrer', 'carpenter'] },
  { id: 'snedker', terms: ['snedker', 'snedkersvend', 'møbelsnedker', 'bygningssnedker'] },
  { id: 'murer', terms: ['murer', 'murersvend', 'murerhåndværker', 'bricklayer'] },
  { id: 'murerarbejde', terms: ['murerarbejde', 'opmuring', 'murerarbejder'] },
  { id: 'maler', terms: ['maler', 'malersvend', 'bygningsmaler', 'malerhåndværker'] },
  { id: 'malerarbejde', terms: ['malerarbejde', 'malerarbejder', 'maleropgaver'] },
  { id: 'spartling', terms: ['spartling', 'spartelarbejde', 'spartelmasse'] },
  { id: 'tapetsering', terms: ['tapetsering', 'opsætning af tapet', 'tapetopsætning'] },
  { id: 'sprøjtemaling', terms: ['sprøjtemaling', 'sprøjtemalning', 'sprøjtelakering'] },
  {
    id: 'elektriker',
    terms: [
      'elektriker',
      'el-installatør',
      'elinstallatør',
      'elektrikersvend',
      'el-montør',
      'elektroinstallatør',
      'elektromontør',
      'electrician',
    ],
  },
  { id: 'el-installation', terms: ['el-installation', 'elinstallationer', 'elarbejde', 'el-arbejde'] },
  { id: 'fejlfinding', terms: ['fejlfinding', 'fejlsøgning', 'fejlretning'] },
  { id: 'tavlebygning', terms: ['tavlebygning', 'tavlearbejde', 'tavlemontage'] },
  {
    id: 'automatiktekniker',
    terms: ['automatiktekniker', 'automatikmekaniker', 'automationstekniker', 'plc-tekniker'],
  },
  { id: 'plc', terms: ['plc', 'plc-programmering', 'plc-styring'] },
  {
    id: 'vvs-montør',
    terms: [
      'vvs-montør',
      'vvs-installatør',
      'blikkenslager',
      'vvs-svend',
      'vvs-mand',
      "vvs'er",
      'vvs-energiteknolog',
    ],
  },
  { id: 'vvs-installation', terms: ['vvs-installation', 'vvs-arbejde', 'vvs-opgaver'] },
  {
    id: 'badeværelsesrenovering',
    terms: ['badeværelsesrenovering', 'renovering af badeværelser', 'badeværelsesombygning'],
  },
  { id: 'ventilationsmontør', terms: ['ventilationsmontør', 'ventilationstekniker', 'ventilationsarbejder'] },
  { id: 'kølemontør', terms: ['kølemontør', 'køletekniker', 'kølemekaniker'] },
  { id: 'anlægsgartner', terms: ['anlægsgartner', 'anlægsgartnersvend', 'anlægsgartnerarbejder'] },
  { id: 'gartner', terms: ['gartner', 'gartnersvend', 'væksthusgartner', 'planteskolegartner', 'havemand'] },
  {
    id: 'gartnerimedarbejder',
    terms: ['gartnerimedarbejder', 'gartneriarbejder', 'væksthusmedarbejder', 'planteskolemedarbejder'],
  },
  {
    id: 'park-og-vej',
    terms: [
      'park- og vejmedarbejder',
      'park og vej',
      'vej og park',
      'vejmand',
      'park- og vejarbejder',
      'grøn medarbejder',
    ],
  },
  { id: 'brolægger', terms: ['brolægger', 'brolæggersvend', 'stenlægger'] },
  { id: 'belægningsarbejde', terms: ['belægningsarbejde', 'fliselægning', 'belægning', 'brolægning'] },
  { id: 'beplantning', terms: ['beplantning', 'plantning', 'beplantningsarbejde'] },
  { id: 'græsslåning', terms: ['græsslåning', 'plæneklipning', 'græsklipning'] },
  { id: 'hækklipning', terms: ['hækklipning', 'beskæring', 'beskæring af træer og buske'] },
  { id: 'vintertjeneste', terms: ['vintertjeneste', 'snerydning', 'glatførebekæmpelse'] },
  {
    id: 'stilladsmontør',
    terms: ['stilladsmontør', 'stilladsarbejder', 'stilladsopstiller', 'stilladsbygger'],
  },
  {
    id: 'stilladskursus',
    terms: ['stilladskursus', 'stilladsbevis', 'stilladsmontage', 'rullestilladskursus'],
  },
  {
    id: 'jord-og-betonarbejder',
    terms: [
      'jord- og betonarbejder',
      'betonarbejder',
      'anlægsarbejder',
      'jordarbejder',
      'grundarbejder',
      'entreprenørarbejder',
    ],
  },
  { id: 'betonstøbning', terms: ['betonstøbning', 'støbearbejde', 'støbning af beton'] },
  { id: 'struktør', terms: ['struktør', 'bygningsstruktør', 'betonstruktør'] },
  {
    id: 'bygningsarbejder',
    terms: [
      'bygningsarbejder',
      'byggearbejder',
      'byggepladsarbejder',
      'byggepladsmedarbejder',
      'håndlanger',
      'arbejdsmand',
    ],
  },
  {
    id: 'nedrivning',
    terms: [
      'nedrivning',
      'nedbrydning',
      'nedrivningsarbejde',
      'nedbrydningsarbejde',
      'nedriver',
      'nedrivningsarbejder',
    ],
  },
  { id: 'kloakrørlægger', terms: ['kloakrørlægger', 'kloakmester', 'kloakarbejder', 'rørlægger'] },
  { id: 'tagdækker', terms: ['tagdækker', 'tagdækkersvend', 'tagmontør'] },
  { id: 'gulvlægger', terms: ['gulvlægger', 'gulvmontør', 'parketlægger'] },
  { id: 'glarmester', terms: ['glarmester', 'glarmestersvend', 'glasmontør'] },
  { id: 'isolatør', terms: ['isolatør', 'teknisk isolatør', 'isoleringsmontør'] },
  { id: 'gipsarbejde', terms: ['gipsarbejde', 'gipsvægge', 'lette vægge', 'gipsmontage'] },
  { id: 'svendebrev', terms: ['svendebrev', 'svendeprøve', 'faglært'] },

  // Produktion og industri
  {
    id: 'produktionsmedarbejder',
    terms: [
      'produktionsmedarbejder',
      'produktionsarbejder',
      'fabriksarbejder',
      'fabriksmedarbejder',
      'operatør',
      'produktionsoperatør',
      'industriarbejder',
      'produktionsassistent',
      'produktionshjælper',
      'factory worker',
    ],
  },
  {
    id: 'procesoperatør',
    terms: ['procesoperatør', 'anlægsoperatør', 'kontrolrumsoperatør', 'proces operatør'],
  },
  {
    id: 'maskinoperatør',
    terms: ['maskinoperatør', 'cnc-operatør', 'cnc-maskinoperatør', 'maskinpasser', 'maskinbetjent'],
  },
  { id: 'maskinbetjening', terms: ['maskinbetjening', 'betjening af maskiner', 'maskinpasning'] },
  { id: 'samlebånd', terms: ['samlebånd', 'samlebåndsarbejde', 'linjearbejde', 'båndarbejde'] },
  {
    id: 'industritekniker',
    terms: ['industritekniker', 'maskinarbejder', 'cnc-tekniker', 'cnc-fræser', 'cnc-drejer', 'fræser'],
  },
  { id: 'cnc-fræsning', terms: ['cnc-fræsning', 'fræsning', 'fræsearbejde'] },
  { id: 'cnc-drejning', terms: ['cnc-drejning', 'drejning', 'drejebænk', 'drejearbejde'] },
  { id: 'cnc-programmering', terms: ['cnc-programmering', 'heidenhain', 'cam-programmering'] },
  { id: 'værktøjsmager', terms: ['værktøjsmager', 'værktøjsmagersvend', 'formbygger'] },
  {
    id: 'tegningslæsning',
    terms: ['tegningslæsning', 'læse tegninger', 'læsning af tegninger', 'tegningsforståelse'],
  },
  { id: 'måleteknik', terms: ['måleteknik', 'mål og tolerancer', '3d-måling', 'måleudstyr'] },
  {
    id: 'maskinopstilling',
    terms: [
      'opstilling af maskiner',
      'omstilling af maskiner',
      'maskinopstilling',
      'omstilling af produktion',
    ],
  },
  { id: 'vedligehold', terms: ['vedligehold', 'vedligeholdelse', 'forebyggende vedligehold', 'tpm'] },
  { id: 'sprøjtestøbning', terms: ['sprøjtestøbning', 'sprøjtestøbemaskine', 'sprøjtestøber'] },
  { id: 'plastmager', terms: ['plastmager', 'plastoperatør', 'plastarbejder'] },
  {
    id: 'svejser',
    terms: [
      'svejser',
      'svejsning',
      'svejsearbejde',
      'mig/mag',
      'mig/mag-svejsning',
      'mig/mag-svejser',
      'mag-svejsning',
      'mag-svejser',
      'co2-svejsning',
      'co2-svejser',
      'welder',
    ],
  },
  { id: 'tig-svejsning', terms: ['tig-svejsning', 'tig-svejser', 'tig'] },
  {
    id: 'svejsecertifikat',
    terms: ['svejsecertifikat', 'svejsercertifikat', 'svejsecertificering', 'certificeret svejser'],
  },
  {
    id: 'smed',
    terms: [
      'smed',
      'klejnsmed',
      'smedesvend',
      'konstruktionssmed',
      'grovsmed',
      'bygningssmed',
      'industrismed',
    ],
  },
  { id: 'klejnsmedearbejde', terms: ['klejnsmedearbejde', 'smedearbejde', 'smedeopgaver'] },
  { id: 'pladesmed', terms: ['pladesmed', 'pladearbejder', 'tyndpladesmed'] },
  { id: 'rustfrit-stål', terms: ['rustfrit stål', 'rustfri', 'syrefast stål', 'syrefast'] },
  { id: 'montør', terms: ['montør', 'montagemedarbejder', 'montagetekniker'] },
  { id: 'montage', terms: ['montage', 'montering', 'montagearbejde', 'monteringsarbejde'] },
  {
    id: 'elektronikfagtekniker',
    terms: [
      'elektronikfagtekniker',
      'elektronikmekaniker',
      'elektroniktekniker',
      'elektronik- og svagstrømsfagtekniker',
    ],
  },
  {
    id: 'kvalitetskontrol',
    terms: ['kvalitetskontrol', 'kvalitetskontrollant', 'kvalitetskontrollør', 'qc'],
  },
  { id: 'kvalitetssikring', terms: ['kvalitetssikring', 'qa', 'quality assurance'] },
  {
    id: 'laborant',
    terms: [
      'laborant',
      'laboratorietekniker',
      'laboratoriemedarbejder',
      'laboratorieassistent',
      'labtekniker',
    ],
  },
  { id: 'gmp', terms: ['gmp', 'good manufacturing practice', 'gxp'] },
  { id: 'hplc', terms: ['hplc', 'kromatografi', 'hplc-analyser', 'væskekromatografi'] },
  { id: 'prøveudtagning', terms: ['prøveudtagning', 'prøvetagning', 'udtagning af prøver'] },
  { id: 'lims', terms: ['lims', 'laboratoriesystem', 'laboratory information management system'] },
  { id: 'mejerist', terms: ['mejerist', 'mejeriarbejder', 'mejerioperatør'] },
  { id: 'fødevareproduktion', terms: ['fødevareproduktion', 'fødevareindustri', 'fødevarevirksomhed'] },
  { id: 'lean', terms: ['lean', 'lean production', 'lean management', '5s'] },
  {
    id: 'skifteholdsarbejde',
    terms: [
      'skifteholdsarbejde',
      'skiftehold',
      'holdskifte',
      'toholdsskift',
      'treholdsskift',
      'skifteholdsarbejder',
    ],
  },
  { id: 'natarbejde', terms: ['natarbejde', 'nattevagt', 'natvagt', 'nathold', 'natarbejder'] },

  // Mekanik og biler
  {
    id: 'mekaniker',
    terms: [
      'mekaniker',
      'automekaniker',
      'bilmekaniker',
      'personvognsmekaniker',
      'autotekniker',
      'car mechanic',
    ],
  },
  { id: 'lastvognsmekaniker', terms: ['lastvognsmekaniker', 'lastbilmekaniker', 'vognmekaniker'] },
  {
    id: 'landbrugsmaskinmekaniker',
    terms: ['landbrugsmaskinmekaniker', 'landbrugsmekaniker', 'entreprenørmaskinmekaniker'],
  },
  { id: 'cykelmekaniker', terms: ['cykelmekaniker', 'cykelsmed', 'cykelreparatør'] },
  { id: 'dækmontør', terms: ['dækmontør', 'dækskifter', 'dæktekniker', 'dækskift'] },
  { id: 'bilklargøring', terms: ['bilklargøring', 'bilklargører', 'bilplejer', 'autoklargører'] },
  { id: 'autolakerer', terms: ['autolakerer', 'billakerer', 'autolakering'] },
  { id: 'elbiler', terms: ['elbiler', 'højvolt', 'hv-certifikat', 'højvoltscertifikat'] },

  // Landbrug og natur
  {
    id: 'landbrugsmedhjælper',
    terms: [
      'landbrugsmedhjælper',
      'landbrugsarbejder',
      'landbrugsmedarbejder',
      'gårdmedhjælper',
      'landmandsmedhjælper',
    ],
  },
  { id: 'staldmedarbejder', terms: ['staldmedarbejder', 'staldarbejder', 'staldhjælper'] },
  {
    id: 'svinepasser',
    terms: ['svinepasser', 'svinemedarbejder', 'medarbejder i svinestald', 'svinestaldsmedarbejder'],
  },
  { id: 'kvægpasser', terms: ['kvægpasser', 'malker', 'fodermester', 'kvægmedarbejder'] },
  {
    id: 'høstmedhjælper',
    terms: ['høstmedhjælper', 'høstarbejder', 'frugtplukker', 'bærplukker', 'jordbærplukker'],
  },
  { id: 'skovarbejder', terms: ['skovarbejder', 'skovmedarbejder', 'skovhugger'] },
  { id: 'motorsav', terms: ['motorsav', 'motorsavscertifikat', 'motorsavskursus', 'motorsavsbevis'] },
  { id: 'dyrepasser', terms: ['dyrepasser', 'dyrepassere', 'dyrepasning', 'pasning af dyr'] },

  // Handel og salg
  {
    id: 'butiksassistent',
    terms: [
      'butiksassistent',
      'ekspedient',
      'butiksmedarbejder',
      'salgsassistent',
      'butiksekspedient',
      'detailmedarbejder',
      'butiksansat',
      'sales assistant',
    ],
  },
  {
    id: 'kassemedarbejder',
    terms: [
      'kassemedarbejder',
      'kasseassistent',
      'kassedame',
      'kasseekspedient',
      'kassererske',
      'kassepersonale',
    ],
  },
  { id: 'kasseekspedition', terms: ['kasseekspedition', 'kassearbejde', 'kassebetjening', 'kasseapparat'] },
  {
    id: 'varepåfyldning',
    terms: ['varepåfyldning', 'vareopfyldning', 'varepåfylder', 'vareopfylder', 'opfyldning af varer'],
  },
  { id: 'vareeksponering', terms: ['vareeksponering', 'visual merchandising', 'varepræsentation'] },
  {
    id: 'sælger',
    terms: ['sælger', 'salgsmedarbejder', 'salgskonsulent', 'salgsrepræsentant', 'sales representative'],
  },
  {
    id: 'telefonsælger',
    terms: [
      'telefonsælger',
      'telefonsalg',
      'telemarketing',
      'telemarketingmedarbejder',
      'telesalg',
      'telesælger',
    ],
  },
  { id: 'mersalg', terms: ['mersalg', 'krydssalg', 'upselling'] },
  { id: 'kioskmedarbejder', terms: ['kioskmedarbejder', 'kioskassistent', 'kioskekspedient'] },
  { id: 'tankpasser', terms: ['tankpasser', 'servicestationsmedarbejder', 'tankstationsmedarbejder'] },
  { id: 'indkøbsassistent', terms: ['indkøbsassistent', 'indkøbsmedarbejder', 'purchaser'] },

  // Kundeservice
  {
    id: 'kundeservice',
    terms: [
      'kundeservice',
      'kundebetjening',
      'customer service',
      'kundesupport',
      'kundeservicemedarbejder',
      'kundeservicerådgiver',
    ],
  },
  {
    id: 'callcenter',
    terms: [
      'callcenter',
      'callcentermedarbejder',
      'kontaktcenter',
      'kontaktcentermedarbejder',
      'callcenteragent',
    ],
  },
  {
    id: 'klagehåndtering',
    terms: ['klagehåndtering', 'reklamationsbehandling', 'reklamationer', 'håndtering af klager'],
  },
  { id: 'crm', terms: ['crm', 'crm-system', 'kundedatabase', 'salesforce'] },

  // Kontor og administration
  {
    id: 'kontorassistent',
    terms: [
      'kontorassistent',
      'kontormedarbejder',
      'administrativ medarbejder',
      'administrationsmedarbejder',
      'administrativ assistent',
      'kontorfuldmægtig',
      'kontorfunktionær',
      'kontorhjælp',
    ],
  },
  { id: 'sekretær', terms: ['sekretær', 'direktionssekretær', 'administrativ sekretær', 'chefsekretær'] },
  {
    id: 'receptionist',
    terms: [
      'receptionist',
      'receptionsmedarbejder',
      'frontdesk',
      'frontdeskmedarbejder',
      'telefonist',
      'hotelreceptionist',
      'receptionsassistent',
    ],
  },
  { id: 'telefonpasning', terms: ['telefonpasning', 'telefonbetjening', 'omstilling', 'omstillingsbord'] },
  {
    id: 'bogholder',
    terms: [
      'bogholder',
      'regnskabsassistent',
      'bogføring',
      'bogholderi',
      'regnskabsmedarbejder',
      'bogholderiassistent',
      'økonomiassistent',
    ],
  },
  {
    id: 'kreditorbogholder',
    terms: ['kreditorbogholder', 'kreditorbogholderi', 'kreditoradministration', 'accounts payable'],
  },
  {
    id: 'debitorbogholder',
    terms: [
      'debitorbogholder',
      'debitorbogholderi',
      'debitoradministration',
      'debitorstyring',
      'accounts receivable',
    ],
  },
  {
    id: 'lønbogholder',
    terms: ['lønbogholder', 'lønadministration', 'lønadministrator', 'lønbehandling', 'lønkørsel', 'payroll'],
  },
  { id: 'momsafregning', terms: ['momsafregning', 'momsindberetning', 'momsregnskab'] },
  { id: 'afstemning', terms: ['afstemning', 'bankafstemning', 'kontoafstemning'] },
  { id: 'fakturering', terms: ['fakturering', 'fakturahåndtering', 'fakturabehandling'] },
  {
    id: 'navision',
    terms: [
      'navision',
      'dynamics nav',
      'microsoft dynamics nav',
      'business central',
      'dynamics 365 business central',
    ],
  },
  { id: 'sap', terms: ['sap', 'sap erp', 'sap-systemet'] },
  { id: 'e-conomic', terms: ['e-conomic', 'visma e-conomic'] },
  { id: 'excel', terms: ['excel', 'regneark', 'microsoft excel', 'ms excel', 'spreadsheet'] },
  { id: 'word', terms: ['word', 'microsoft word', 'ms word', 'tekstbehandling'] },
  {
    id: 'office-pakken',
    terms: [
      'office-pakken',
      'microsoft office',
      'ms office',
      'officepakken',
      'word og excel',
      'office 365',
      'microsoft 365',
      'm365',
    ],
  },
  { id: 'sagsbehandling', terms: ['sagsbehandling', 'sagsbehandler', 'sagsbehandlingsopgaver'] },
  { id: 'journalisering', terms: ['journalisering', 'journalføring', 'arkivering', 'dokumenthåndtering'] },
  { id: 'esdh', terms: ['esdh', 'acadre', 'sbsys', 'workzone', 'elektronisk sags- og dokumenthåndtering'] },
  {
    id: 'dataindtastning',
    terms: ['dataindtastning', 'dataregistrering', 'indtastning', 'tastearbejde', 'data entry'],
  },
  {
    id: 'mødebooking',
    terms: ['mødebooking', 'kalenderstyring', 'kalenderadministration', 'mødeplanlægning'],
  },
  {
    id: 'hr-assistent',
    terms: [
      'hr-assistent',
      'hr-medarbejder',
      'personaleassistent',
      'personalemedarbejder',
      'hr-administrator',
    ],
  },
  { id: 'socialrådgiver', terms: ['socialrådgiver', 'socialformidler'] },
  { id: 'projektleder', terms: ['projektleder', 'project manager', 'projektansvarlig'] },
  { id: 'teamleder', terms: ['teamleder', 'holdleder', 'team leader', 'gruppeleder'] },

  // IT
  {
    id: 'it-supporter',
    terms: [
      'it-supporter',
      'helpdesk',
      'it-support',
      '1st level support',
      'first level support',
      'førsteniveau-support',
      'it-supportmedarbejder',
      'helpdeskmedarbejder',
      'servicedesk',
      'service desk',
      'supporttekniker',
      'it-supporttekniker',
      'it-hotline',
    ],
  },
  { id: 'datatekniker', terms: ['datatekniker', 'it-tekniker', 'it-infrastrukturtekniker'] },
  {
    id: 'systemadministrator',
    terms: ['systemadministrator', 'netværksadministrator', 'it-administrator', 'sysadmin', 'driftstekniker'],
  },
  {
    id: 'systemudvikler',
    terms: [
      'systemudvikler',
      'softwareudvikler',
      'programmør',
      'software developer',
      'softwareingeniør',
      'datamatiker',
      'backend-udvikler',
      'fullstack-udvikler',
    ],
  },
  {
    id: 'webudvikler',
    terms: ['webudvikler', 'frontend-udvikler', 'webprogrammør', 'web developer', 'frontend developer'],
  },
  { id: 'javascript', terms: ['javascript', 'js', 'ecmascript'] },
  { id: 'active-directory', terms: ['active directory', 'entra id'] },
  { id: 'itil', terms: ['itil', 'incident management', 'itil-certificering'] },
  { id: 'netværksopsætning', terms: ['netværksopsætning', 'netværksadministration', 'netværksinstallation'] },

  // Sikkerhed, certifikater og uddannelse
  {
    id: 'førstehjælp',
    terms: [
      'førstehjælp',
      'førstehjælpsbevis',
      'førstehjælpskursus',
      'førstehjælpscertifikat',
      'hjerte-lunge-redning',
      'hlr',
      'first aid',
    ],
  },
  {
    id: 'brandbekæmpelse',
    terms: ['brandbekæmpelse', 'elementær brandbekæmpelse', 'brandkursus', 'brandslukning'],
  },
  {
    id: 'arbejdsmiljørepræsentant',
    terms: ['arbejdsmiljørepræsentant', 'arbejdsmiljøuddannelse', 'amr', 'sikkerhedsrepræsentant'],
  },
  { id: 'vagtmedarbejder', terms: ['vagtmedarbejder', 'sikkerhedsvagt', 'security guard', 'vagtfunktionær'] },
  { id: 'vagtuddannelse', terms: ['vagtuddannelse', 'vagtkort', 'vagtbevis', 'vagtcertifikat'] },
  { id: 'dørmand', terms: ['dørmand', 'dørvagt', 'dørsteward'] },
  { id: 'løfteteknik', terms: ['løfteteknik', 'tunge løft', 'korrekte løft', 'ergonomisk løfteteknik'] },
  {
    id: 'gymnasial-uddannelse',
    terms: ['gymnasial uddannelse', 'studentereksamen', 'stx', 'hhx', 'htx', 'hf', 'hf-eksamen'],
  },
  { id: 'erhvervsuddannelse', terms: ['erhvervsuddannelse', 'eud', 'erhvervsfaglig uddannelse'] },

  // Sprog
  { id: 'dansk', terms: ['dansk', 'danish', 'danskkundskaber'] },
  { id: 'engelsk', terms: ['engelsk', 'english', 'engelskkundskaber', 'engelsk i skrift og tale'] },
  { id: 'tysk', terms: ['tysk', 'german', 'deutsch', 'tyskkundskaber'] },
  { id: 'svensk', terms: ['svensk', 'swedish'] },
  { id: 'norsk', terms: ['norsk', 'norwegian'] },
  { id: 'polsk', terms: ['polsk', 'polish', 'polski'] },
  { id: 'rumænsk', terms: ['rumænsk', 'romanian'] },
  { id: 'litauisk', terms: ['litauisk', 'lithuanian'] },
  { id: 'ukrainsk', terms: ['ukrainsk', 'ukrainian'] },
  { id: 'russisk', terms: ['russisk', 'russian'] },
  { id: 'arabisk', terms: ['arabisk', 'arabic'] },
  { id: 'tyrkisk', terms: ['tyrkisk', 'turkish'] },
  { id: 'spansk', terms: ['spansk', 'spanish', 'español'] },
  { id: 'fransk', terms: ['fransk', 'french', 'français'] },
  { id: 'tolk', terms: ['tolk', 'sprogtolk', 'interpreter'] },

  // Personlig service
  { id: 'frisør', terms: ['frisør', 'frisørsvend', 'hårstylist', 'frisøse'] },
  { id: 'kosmetolog', terms: ['kosmetolog', 'kosmetologuddannelse', 'skønhedsbehandler'] },
  { id: 'massør', terms: ['massør', 'massageterapeut', 'massagebehandler'] },
];

/**
 * Tokens that never take part in synonym matching although their stem equals a member's: everyday words that the
 * stemmer conflates with an occupation. Their stems still go into the index as plain terms.
 */
export const NON_SYNONYM_TOKENS: ReadonlySet<string> = new Set([
  // 'bag' (behind: 'bag disken') stems like 'bager'.
  'bag',
  // 'tjene' (to earn) stems like 'tjener'.
  'tjene',
  'tjenes',
  // 'lim', 'lime' (glue) stem like 'lims'.
  'lim',
  'lime',
  // 'mage', 'magen' (equal) and 'mager' (thin) stem like 'mig/mag'.
  'mage',
  'magen',
  'mager',
]);
