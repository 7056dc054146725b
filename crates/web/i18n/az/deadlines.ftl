# Test mühitində müddətlərin seçilmiş tarixə görə yoxlanılması (/test/deadlines).
test-deadlines-title = Müddətlərin tarixə görə yoxlanılması (test mühiti)
test-deadlines-intro = Server qanuni müddətləri hər dəqiqə bugünkü tarixə görə yoxlayır. Burada eyni yoxlamanı Bakı vaxtı ilə başqa bir günün əvvəlinə görə aparırsınız: həmin gündən əvvəl başa çatan hər müddət bitmiş sayılır və iş qanunda deyildiyi kimi irəliləyir (məsələn, çatışmazlıqları vaxtında aradan qaldırılmamış müraciət baxılmamış saxlanılır). Bu səhifə yalnız test mühitində mövcuddur.
test-deadlines-date = Müddətlərin yoxlanılacağı tarix
test-deadlines-date-hint = Format İİİİ-AA-GG, məsələn 2026-12-31.
test-deadlines-date-invalid = Tarixi İİİİ-AA-GG formatında daxil edin.
test-deadlines-submit = Müddətləri yoxla
test-deadlines-done = Müddətlər { $date } tarixinə görə yoxlanıldı: { $acted } müddət işi irəlilətdi, { $flagged } müddət işi gecikmiş kimi qeyd etdi.
test-deadlines-link = Müddətləri tarixə görə yoxla (test mühiti)
