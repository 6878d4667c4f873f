#define SN_id_it_revPassphrase          "id-it-revPassphrase"
#define NID_id_it_revPassphrase         309
#define SN_id_it_origPKIMessage         "id-it-origPKIMessage"
