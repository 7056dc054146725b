# Müraciətlərdə məhdud girişli informasiya (LIC-8.0.11).
restricted-medical = tibbi məlumat
restricted-criminal-record = məhkumluq haqqında məlumat
restricted-commercial-secret = kommersiya sirri
restricted-tax-secret = vergi sirri
restricted-withheld = Məhdud girişli informasiya ({ $kind }): sizin rolunuza göstərilmir.
restricted-heading = Məhdud girişli informasiya
restricted-intro = Müraciətin bu hissələri məhdud girişli informasiyadır. Onları yalnız buna icazəsi olan vəzifəli şəxslər görür; hər baxış audit jurnalında qeyd olunur.
restricted-document = sənəd
restricted-field = sahə
