# Dövlət reyestrlərindən EHİS vasitəsilə avtomatik doldurma (LIC-4.2).
exchange-prefilled = Dövlət reyestrlərindən EHİS vasitəsilə dolduruldu: { $fields }. Göndərməzdən əvvəl yoxlayın.
exchange-unavailable = { $registries } hazırda cavab vermir. Məlumatı özünüz daxil edin; onu təsdiq edən sənəd varsa, skan surətini əlavə edin.
exchange-registry-tax = Vergi orqanının reyestri
exchange-registry-civil-registry = Vətəndaşlıq vəziyyəti aktlarının reyestri
