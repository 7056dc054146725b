# Yoxlama sorğuları və lisenziyaların kağız nüsxələri üzrə bildirişlər.
notice-verification-asked-subject = { $number } nömrəli müraciət üzrə sənədin yoxlanılması sorğusu
notice-verification-asked-body = “{ $service }” üzrə { $number } nömrəli müraciətə əlavə edilmiş sənədin yoxlanılması üçün orqanınıza sorğu göndərilib. Sorğunu iş növbənizdə “Cavablandırılmalı yoxlama sorğuları” bölməsində tapıb cavablandırın.
notice-verification-asked-sms = { $number } nömrəli müraciət üzrə sənədin yoxlanılması sorğusu cavabınızı gözləyir.
notice-verification-answered-subject = { $number } nömrəli müraciət üzrə yoxlama sorğusuna cavab verilib
notice-verification-answered-body = “{ $service }” üzrə { $number } nömrəli müraciətə əlavə edilmiş sənədin yoxlanılması sorğusuna aidiyyəti orqan cavab verib. Cavab müraciətin səhifəsindədir.
notice-verification-answered-sms = { $number } nömrəli müraciət üzrə yoxlama sorğusuna cavab verilib.
notice-paper-copy-superseded-subject = Lisenziya { $licence }: kağız nüsxə sorğusu bağlanıb
notice-paper-copy-superseded-body = “{ $service }” üzrə { $licence } nömrəli lisenziyanın kağız nüsxəsi üçün sorğunuz bağlanıb, çünki həmin lisenziya sənədi yenidən rəsmiləşdirilmiş və ya dublikatla əvəz olunmuş sənədlə qüvvədən düşüb. Kağız nüsxəyə ehtiyacınız varsa, onu yeni sənəd üzrə istəyin.
notice-paper-copy-superseded-sms = Lisenziya { $licence }: sənəd əvəz olunduğu üçün kağız nüsxə sorğusu bağlanıb.
case-paper-status-superseded = Bağlanıb: sənəd əvəz olunub
case-event-paper-superseded = Kağız nüsxə sorğusu bağlanıb: lisenziya sənədi əvəz olunub
