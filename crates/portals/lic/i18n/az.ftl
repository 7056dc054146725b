## What the system is, for its page and the home page.

system-lic-name = “Lisenziyalar və icazələr” portalı
system-lic-tagline = Lisenziya və ya icazə üçün müraciət etmək, dövlət rüsumunu ödəmək və elektron imzalı sənədi almaq üçün vahid portal.
system-lic-owner = Azərbaycan Respublikasının İqtisadiyyat Nazirliyi
system-lic-regulation = Azərbaycan Respublikası Prezidentinin 2017-ci il 21 yanvar tarixli 1205 nömrəli Fərmanı
system-lic-intro =
    “Lisenziyalar və icazələr” portalı sahibkarlıq fəaliyyəti üçün tələb olunan lisenziya və icazələrin, onların dublikatının və əlavəsinin verilməsi, yenidən rəsmiləşdirilməsi, dayandırılması, bərpası və ləğvi ilə bağlı müraciətlərin təqdim edildiyi, qəbul və emal olunduğu, cavablandırıldığı portaldır. Portal lisenziya və icazələrin vahid reyestrini də elektron qaydada aparır. İstifadəçi gücləndirilmiş elektron imza ilə qeydiyyatdan keçir, ərizə iştirakçı qurumların informasiya sistemlərindəki məlumatlarla doldurulur, orada olmayan məlumatlar üçün isə sənədlərin skan edilmiş surətləri əlavə olunur. Müraciət lisenziya və ya icazə verən orqana yönləndirilir və real vaxt rejimində qeydiyyata alınır; qərarlar, ödəniş bildirişi və imzalanmış lisenziya və ya icazə elektron kabinetə daxil olur, elektron poçt ünvanına və mobil nömrəyə isə bildiriş göndərilir. Portalın operatoru İqtisadiyyat Nazirliyidir.
system-lic-users = Portaldan təşkilati-hüquqi formasından asılı olmayaraq hüquqi şəxslər, xarici hüquqi şəxslərin filial və nümayəndəlikləri, fərdi sahibkarlar və sahibkarlıqla məşğul olmayan fiziki şəxslər, habelə lisenziya və ya icazə verən orqanlar, rəy verən qurumlar və nəzarət orqanları istifadə edir.
system-lic-offer-1 = Lisenziya və ya icazə, onun dublikatı, əlavəsi və ya yenidən rəsmiləşdirilməsi üçün onlayn müraciət.
system-lic-offer-2 = Ərizə iştirakçı qurumların sistemlərindən doldurulur, çatışmayan sənədlər isə elektron imzalı skan surəti kimi əlavə edilir.
system-lic-offer-3 = Müraciətin gedişatı elektron kabinetdə izlənilir, hər mərhələdə elektron poçta və mobil nömrəyə bildiriş gəlir.
system-lic-offer-4 = Dövlət rüsumu və ya haqq ödəniş kodu ilə portal, “ASAN ödəniş” və ya terminallar vasitəsilə ödənilir.
system-lic-offer-5 = Gücləndirilmiş elektron imza ilə imzalanmış lisenziya və ya icazə elektron kabinetə gəlir, tələbə əsasən kağız nüsxə də verilir.
system-lic-offer-6 = Vahid reyestrdə axtarış, qeydiyyatsız sorğu göndərmək və portal vasitəsilə inzibati şikayət vermək imkanı.

## Roles of this system, as the e-cabinet names them.

role-lic-reviewer = lisenziya müraciətlərinə baxan əməkdaş
role-lic-opinion = lisenziya üzrə rəy verən orqanın əməkdaşı
role-lic-head = lisenziya verən orqanın rəhbəri
