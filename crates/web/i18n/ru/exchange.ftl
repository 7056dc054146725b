# Автозаполнение из государственных реестров через EHİS (LIC-4.2).
exchange-prefilled = Заполнено из государственных реестров через EHİS: { $fields }. Проверьте перед отправкой.
exchange-unavailable = { $registries } сейчас не отвечает. Введите данные сами; если их подтверждает документ, приложите его скан.
exchange-registry-tax = Реестр налогового органа
exchange-registry-civil-registry = Реестр актов гражданского состояния
cabinet-registry-reads = Прочитано из государственных реестров
cabinet-registry-reads-intro = Каждый раз, когда портал читал данные о вас или о представляемой вами организации из другой государственной системы через EHİS: когда, из какого реестра, зачем и для кого.
cabinet-registry-reads-empty = Данные о вас из государственных реестров не читались.
cabinet-registry = Реестр
cabinet-registry-about = О ком
cabinet-registry-purpose = Цель
cabinet-registry-about-you = Вы
exchange-status-ok = ответ получен
exchange-status-cached = ответ получен (сохранённая копия)
exchange-status-not-found = не найдено
exchange-status-unavailable = не ответил
exchange-status-circuit-open = запрос не отправлен (реестр недоступен)
exchange-status-refused = отказано
