# Dövlət reyestrlərindən EHİS vasitəsilə avtomatik doldurma (LIC-4.2).
exchange-prefilled = Dövlət reyestrlərindən EHİS vasitəsilə dolduruldu: { $fields }. Göndərməzdən əvvəl yoxlayın.
exchange-unavailable = { $registries } hazırda cavab vermir. Məlumatı özünüz daxil edin; onu təsdiq edən sənəd varsa, skan surətini əlavə edin.
exchange-registry-tax = Vergi orqanının reyestri
exchange-registry-civil-registry = Vətəndaşlıq vəziyyəti aktlarının reyestri
cabinet-registry-reads = Dövlət reyestrlərindən oxunanlar
cabinet-registry-reads-intro = Portal sizin və ya təmsil etdiyiniz təşkilat haqqında məlumatı EHİS vasitəsilə başqa dövlət sistemindən hər dəfə oxuyanda: nə vaxt, hansı reyestrdən, nə üçün və kimin üçün.
cabinet-registry-reads-empty = Dövlət reyestrlərindən sizin haqqınızda məlumat oxunmayıb.
cabinet-registry = Reyestr
cabinet-registry-about = Kim haqqında
cabinet-registry-purpose = Məqsəd
cabinet-registry-about-you = Siz
exchange-status-ok = cavab verildi
exchange-status-cached = cavab verildi (saxlanmış surət)
exchange-status-not-found = tapılmadı
exchange-status-unavailable = cavab vermədi
exchange-status-circuit-open = sorğu göndərilmədi (reyestr əlçatmazdır)
exchange-status-refused = rədd edildi
