## Общее оформление всех страниц.

site-description = Pəncərə: одно окно к государственным информационным системам Азербайджана — лицензии и разрешения, реестр табачной продукции, e-KOB evi, высококвалифицированные мигранты и VEİS.
skip-to-content = Перейти к основному содержанию
test-environment-label = ТЕСТОВАЯ СРЕДА
test-environment-banner = Это тестовая среда с синтетическими данными. Действия здесь не имеют юридической силы.
home-link-label = Pəncərə, главная страница
language-switcher-label = Язык
breadcrumb-label = Вы здесь
footer-about = Pəncərə — программное обеспечение с открытым исходным кодом, на котором работают государственные информационные системы по принципу «одного окна».
footer-api = API (OpenAPI)
footer-status = Состояние сервиса

## Главная страница.

home-title = Главная
home-heading = Одно окно к электронным услугам государства
home-lead = Подавайте заявления, следите за каждым шагом своего дела, оплачивайте пошлины и получайте подписанные документы — лицензии и разрешения, реестры, услуги для МСБ, миграция и воинский учёт, в одном месте.
principles-heading = Как это работает
principle-one-window-title = Одно окно.
principle-one-window = Вы входите один раз и находите свои заявления, документы, платежи и сообщения в электронном кабинете.
principle-deadlines-title = Видимые сроки.
principle-deadlines = По каждому делу законный срок, исчисленный в рабочих днях, одинаково виден вам и должностному лицу.
principle-trust-title = Подписано и проверяемо.
principle-trust = Решения подписываются усиленной электронной подписью, и любой может проверить документ по его коду.
principle-open-title = Данные запрашиваются один раз.
principle-open = То, что уже известно государственным реестрам, берётся из них, а не запрашивается у вас повторно.

## Системы на платформе.

systems-heading = Пять государственных информационных систем — одно окно
systems-intro = Pəncərə — единая платформа, на которой по принципу «одного окна» работают пять государственных информационных систем Азербайджана. У каждой системы свой владелец, правовая основа и услуги, а вход, электронные кабинеты, электронная подпись, уведомления и платежи построены один раз как общие части платформы.
system-offers-heading = Что предлагает
system-users-heading = Кто пользуется
system-owner-label = Владелец / оператор
system-regulation-label = Утверждающий акт

## Ошибки: для страниц и для документов problem в API.

error-request-id = Если обратитесь в поддержку, сообщите этот номер запроса:
error-back-home = На главную страницу
problem-bad-request-title = Некорректный запрос
problem-bad-request-explanation = Запрос не удалось понять. Проверьте адрес и отправленные данные и попробуйте снова.
problem-validation-title = Некоторые поля нужно исправить
problem-validation-explanation = Запрос понят, но некоторые значения отсутствуют или неверны. Каждое из них указано вместе с тем, что нужно исправить.
problem-unauthorized-title = Требуется вход
problem-unauthorized-explanation = Для этого нужно войти в систему, или ваш сеанс завершился. Войдите и попробуйте снова.
problem-forbidden-title = Действие не разрешено
problem-forbidden-explanation = У вашей учётной записи нет права на это действие. Если вы считаете, что оно должно быть, обратитесь в орган, управляющий вашим доступом.
problem-not-found-title = Страница не найдена
problem-not-found-explanation = По этому адресу ничего нет. Возможно, страница перемещена или ссылка набрана с ошибкой.
problem-method-not-allowed-title = Метод не разрешён
problem-method-not-allowed-explanation = Этот адрес существует, но не для такого вида запроса. Допустимые методы перечислены в заголовке Allow.
problem-conflict-title = Конфликт с текущим состоянием
problem-conflict-explanation = Запрос противоречит текущему состоянию записи: например, она уже существует или тем временем изменилась.
problem-payload-too-large-title = Слишком большой объём
problem-payload-too-large-explanation = Отправленные данные больше, чем принимает сервис. Отправьте файл меньшего размера или меньше файлов за раз.
problem-unsupported-media-type-title = Неподдерживаемый формат
problem-unsupported-media-type-explanation = Сервис не принимает данные в этом формате. Для API отправляйте JSON с Content-Type: application/json.
problem-too-many-requests-title = Слишком много запросов
problem-too-many-requests-explanation = За короткое время поступило слишком много запросов. Подождите немного и попробуйте снова.
problem-timeout-title = Сервис отвечал слишком долго
problem-timeout-explanation = Запрос выполнялся слишком долго и был остановлен. Если вам не сообщили иное, ничего не сохранено. Попробуйте ещё раз чуть позже.
problem-unavailable-title = Сервис временно недоступен
problem-unavailable-explanation = Система, от которой зависит этот сервис, не отвечает. Попробуйте ещё раз чуть позже.
problem-internal-title = На нашей стороне произошла ошибка
problem-internal-explanation = Сервису не удалось выполнить запрос. Ошибка зарегистрирована; попробуйте позже.
problem-detail-no-endpoint = По этому адресу нет точки API. Список точек доступен по адресу /api/openapi.json.
problem-detail-no-system = Системы с кодом «{ $code }» нет.
problem-detail-unsupported-lang = Язык «{ $lang }» не поддерживается; используйте az, en или ru.
problem-detail-csrf = В форме или запросе нет маркера безопасности, или срок его действия истёк. Обновите страницу и попробуйте снова.

## Учётная запись и вход.

nav-cabinet = Мой кабинет
nav-logout = Выйти
nav-login = Войти
login-title = Вход
login-intro = Войдите в электронный кабинет, чтобы подавать заявления, следить за своими делами и получать документы.
login-field-login = Логин
login-field-password = Пароль
login-submit = Войти
login-demo-hint = Тестовая среда: демонстрационные учётные записи и их пароль перечислены в README.
login-error-login-required = Введите логин.
login-error-password-required = Введите пароль.
login-error-invalid = Неверный логин или пароль.
login-error-locked = Слишком много неудачных попыток. Повторите через { $minutes } мин.

## Электронный кабинет.

cabinet-title = Мой кабинет
cabinet-profile = Профиль
cabinet-name = Имя
cabinet-login = Логин
cabinet-email = Электронная почта
cabinet-passport = Паспорт
cabinet-organizations = Организации, от имени которых вы действуете
cabinet-organizations-none = Вы действуете только от своего имени.
cabinet-acting-for = Действовать от имени
cabinet-switch = Переключить
cabinet-services = Ваши услуги
cabinet-inbox = Входящие
cabinet-inbox-empty = Сообщений пока нет.
cabinet-applications = Мои заявления
cabinet-applications-empty = У вас пока нет заявлений.
cabinet-documents = Мои документы
cabinet-documents-empty = У вас пока нет документов.
cabinet-payments = Мои платежи
cabinet-payments-empty = У вас пока нет платежей.
cabinet-journal = Что происходило с моими данными
cabinet-journal-intro = Последние записи журнала аудита, касающиеся вас: входы, изменения и чтение ваших данных.
cabinet-journal-by-you = вы
cabinet-journal-by-system = система
cabinet-sessions = Сеансы
cabinet-logout-everywhere = Выйти на всех устройствах
journal-when = Когда
journal-what = Что
journal-who = Кто

## Роли платформы.

role-platform-admin = администратор платформы
role-org-head = руководитель организации
role-org-representative = законный представитель

## Действия в журнале аудита.

action-identity-login-success = Вход в систему
action-identity-login-failure = Неудачная попытка входа
action-identity-login-locked = Вход отклонён: слишком много попыток
action-identity-logout = Выход из системы
action-identity-logout-everywhere = Выход на всех устройствах
action-identity-acting-org-switch = Смена организации
action-identity-user-create = Создана учётная запись
action-identity-membership-grant = Предоставлена роль
action-identity-membership-revoke = Отозвана роль
action-personal-data-read = Просмотр персональных данных
action-identity-login-link-sent = Отправлена ссылка для входа
action-identity-login-link-throttled = Ссылка не отправлена: слишком много запросов
action-audit-search = Поиск в журнале аудита

## Администрирование: журнал аудита.

admin-audit-title = Журнал аудита
admin-audit-intro = Поиск в журнале входов, чтения и изменения данных по лицу, исполнителю, записи и времени. Каждый поиск тоже записывается в журнал.
admin-audit-person = Затронутое лицо (логин)
admin-audit-actor = Исполнитель (логин)
admin-audit-action = Действие начинается с
admin-audit-record-type = Тип записи
admin-audit-record-id = Идентификатор записи
admin-audit-from = С (дата)
admin-audit-until = По (дату)
admin-audit-search = Искать
admin-audit-count = { $count ->
    [one] Найдена { $count } запись.
    [few] Найдены { $count } записи.
   *[many] Найдено { $count } записей.
}
admin-audit-record = Запись
admin-audit-subject = Лицо
admin-audit-pending = запечатывается
admin-audit-error-date = Поле «{ $field }» должно содержать дату, например 2026-11-23.

## Второй фактор, мои данные и исправления, участники, очереди оператора.

login-field-code = Одноразовый код (только если вы его включили)
login-error-totp-required = Введите одноразовый код из приложения-аутентификатора.
cabinet-links = Ещё в вашем кабинете
cabinet-link-data = Мои данные и исправления
cabinet-link-security = Безопасность входа
cabinet-link-members = Сотрудники организации
cabinet-link-audit = Журнал аудита
cabinet-link-corrections = Запросы на исправление
cabinet-link-participants = Доступ участников
data-title = Мои данные
data-intro = Что система хранит о вас. Если что-то неверно, запросите исправление: должностное лицо проверит и изменит данные или сообщит, почему нет.
data-held = Данные, хранящиеся о вас
correction-sent = Запрос отправлен. Следить за ним можно ниже.
correction-heading = Запросить исправление
correction-field = Что исправить
correction-value = Верное значение
correction-current = Текущее значение
correction-explanation = Почему оно неверно
correction-submit = Отправить запрос
correction-mine = Мои запросы на исправление
correction-none = Вы ещё не запрашивали исправлений.
correction-status = Статус
correction-reason = Причина
correction-field-full-name = Имя и фамилия
correction-field-email = Электронная почта
correction-field-phone = Мобильный номер
correction-status-pending = ожидает решения
correction-status-approved = одобрен: данные исправлены
correction-status-rejected = отклонён
correction-error-field = Выберите, что исправить.
correction-error-value = Введите корректное значение: имя и фамилию, адрес вида name@example.az или номер вида +994 50 123 45 67.
correction-error-unchanged = Это значение уже хранится.
correction-error-explanation = Укажите, почему данные неверны.
correction-error-reason = Для отказа нужна причина, которую прочтёт заявитель.
security-title = Безопасность входа
security-changed = Сохранено.
security-on = При каждом входе нужен одноразовый код из приложения-аутентификатора.
security-off = Для входа нужен только пароль. Добавьте одноразовый код для большей защиты.
security-setup = Добавьте этот ключ в приложение-аутентификатор (или откройте ссылку ниже на телефоне), затем введите код, который оно покажет.
security-secret = Ключ
security-turn-on = Включить
security-turn-off = Выключить
security-error-code = Код не подходит. Проверьте время на телефоне и введите самый новый код.
members-title = Сотрудники
members-intro-head = Лица, действующие от имени вашей организации, и их права. Предоставьте роль зарегистрированному пользователю по логину или отзовите её с указанием причины.
members-intro-operator = Сотрудники любой организации. Отзыв роли сразу ограничивает доступ участника; причина записывается.
members-organization = Организация
members-show = Показать
members-role = Роль
members-since = С
members-revoke = Отозвать
members-reason = Причина
members-grant = Предоставить роль
members-error-role = Выберите роль из списка.
members-error-login = Пользователя с таким логином нет.
members-error-duplicate = У этого пользователя уже есть эта роль.
members-error-reason = Для отзыва нужна причина.
corrections-title = Запросы на исправление
corrections-intro = Запросы граждан на исправление хранящихся о них данных, сначала самые старые. Одобрение изменяет данные; для отказа нужна причина, которую прочтёт заявитель.
corrections-none = Ожидающих запросов нет.
corrections-approve = Одобрить
corrections-reject = Отклонить
action-identity-correction-request = Запрошено исправление
action-identity-correction-approve = Исправление одобрено
action-identity-correction-reject = Исправление отклонено
action-identity-totp-enable = Включён одноразовый код
action-identity-totp-disable = Выключен одноразовый код

## Вход с усиленной электронной подписью.

login-password-heading = По логину и паролю
login-esign-heading = С электронной подписью (мобильная подпись)
login-esign-intro = Введите номер телефона и идентификатор пользователя вашей мобильной подписи. Вход вы подтвердите на телефоне.
login-field-phone = Номер телефона
login-field-user-id = Идентификатор пользователя
login-esign-submit = Продолжить с электронной подписью
login-esign-phone-hint = Тестовая среда: откройте страницу, заменяющую телефон
esign-confirm-heading = Подтвердите на телефоне
esign-confirm-intro = Телефон просит подписать вход в Pəncərə. Проверьте, что там показан тот же код, подтвердите и продолжите здесь.
esign-code-label = Проверочный код
esign-confirm-done = Я подтвердил на телефоне
esign-start-over = Начать заново
esign-waiting = Подпись ещё не поступила. Подтвердите на телефоне и продолжите.
esign-declined = Подпись отклонена на телефоне. Вход не выполнен.
esign-not-registered = Для этого номера телефона и идентификатора мобильная подпись не зарегистрирована.
esign-unavailable = Служба мобильной подписи сейчас недоступна. Попробуйте позже или войдите другим способом.
esign-error-unknown-challenge = Эта попытка входа неизвестна. Начните заново.
esign-error-challenge-used = Этот подписанный запрос уже использован. Начните новый вход.
esign-error-challenge-expired = Время на подпись истекло. Начните новый вход.
esign-error-unknown-issuer = Сертификат выдан не доверенным удостоверяющим центром.
esign-error-expired = Сертификат сейчас недействителен (истёк или ещё не начал действовать).
esign-error-revoked = Сертификат отозван.
esign-error-signature = Подпись не соответствует сертификату.
esign-error-certificate = С этим сертификатом войти нельзя.
esign-error-no-fin = В сертификате не указан персональный идентификационный номер (FİN).
phone-title = Телефон (тестовая среда)
phone-intro = Эта страница заменяет телефон владельца мобильной подписи. Введите номер, чтобы увидеть ожидающие запросы на подпись.
phone-show = Показать запросы
phone-none = На этом телефоне нет ожидающих запросов.
phone-request = Войти в Pəncərə? Код:
phone-confirm = Подтвердить
phone-decline = Отклонить
phone-demo-numbers = Демонстрационные телефоны и идентификаторы

## Единый вход (Vahid Giriş).

login-sso-heading = Через Vahid Giriş (единый вход)
login-sso-intro = Войдите один раз через государственное окно единого входа и вернитесь сюда.
login-sso-submit = Войти через Vahid Giriş
sso-unavailable = Служба единого входа сейчас недоступна. Попробуйте позже или войдите другим способом.
sso-error-state = Этот вход начат не здесь или уже завершён. Начните заново.
sso-error-response = Ответу службы единого входа нельзя доверять. Вход не выполнен. Начните заново.
vahid-title = Vahid Giriş (тестовая среда)
vahid-intro = Это окно заменяет государственный единый вход. Введите FİN демонстрационной учётной записи и демонстрационный пароль.
vahid-submit = Идентифицировать меня

## Вход по ссылке из письма (иностранцы) и тестовый почтовый ящик.

login-email-heading = По ссылке, отправленной на e-mail
login-email-intro = Для иностранцев и лиц без гражданства: мы отправим одноразовую ссылку для входа на адрес электронной почты вашей учётной записи.
login-email-submit = Отправить ссылку
login-email-mailbox-hint = Тестовая среда: откройте почтовый ящик, куда приходят ссылки
email-sent = Если этот адрес принадлежит учётной записи, ссылка для входа уже отправлена. Она действует один раз в течение 15 минут.
email-unavailable = Сейчас невозможно отправить письмо. Попробуйте позже или войдите другим способом.
email-confirm = Нажмите кнопку, чтобы войти по этой ссылке.
email-confirm-submit = Войти
email-error-expired = Срок действия ссылки истёк. Запросите новую.
email-error-used = Эта ссылка уже использована. Запросите новую.
email-error-unknown = Эта ссылка недействительна. Запросите новую.
email-link-subject = Ссылка для входа в Pəncərə
email-link-text = Здравствуйте, { $name }!

    Откройте эту ссылку, чтобы войти в Pəncərə. Она действует один раз в течение 15 минут:
    { $url }

    Если вы её не запрашивали, просто проигнорируйте это письмо.
mailbox-title = Почтовый ящик (тестовая среда)
mailbox-intro = Письма, отправленные тестовой средой, сначала самые новые.
mailbox-empty = Писем пока нет.
mailbox-to = Кому:

## Case engine: services, applications, deadlines, notices
system-services-heading = Услуги, за которыми можно обратиться
service-apply = Подать заявление
service-body = Решение принимает
service-law = Правовое основание
service-fee = Государственная пошлина
service-unverified = цифра ещё не сверена с текстом закона
service-deadlines = Сроки
service-period = Срок
service-at-expiry = Когда срок истекает
service-counting = Срок начинается на следующий день после события; рабочие дни считаются по календарю Азербайджана, а срок, оканчивающийся в нерабочий день, оканчивается в следующий рабочий день.
service-calendar-unverified = Даты праздников этого года ещё не подтверждены решением Кабинета министров.
service-documents = Документы
service-required = обязательно
service-fields = Что спрашивает форма
case-days-working = { $days ->
    [one] { $days } рабочий день
    [few] { $days } рабочих дня
   *[other] { $days } рабочих дней
}
case-days-calendar = { $days ->
    [one] { $days } календарный день
    [few] { $days } календарных дня
   *[other] { $days } календарных дней
}
case-expiry-flag = Дело отмечается как просроченное для органа и его контролёров.
case-expiry-act = Дело само переходит в состояние «{ $state }».
apply-title = Заявление
apply-intro = Обязательные поля нужно заполнить до подачи. Черновик можно сохранить в любой момент и вернуться к нему.
apply-saved = Черновик сохранён. Теперь можно приложить документы.
apply-problems = Пожалуйста, исправьте:
apply-submit = Подать заявление
apply-save = Сохранить черновик
apply-documents-after-save = Сначала сохраните черновик; затем здесь можно будет приложить документы.
apply-document-attached = Приложено
apply-choose-file = Выберите файл
apply-upload = Загрузить
apply-document-rules = PDF, JPEG или PNG, до 10 МБ. Новая загрузка добавляет версию; прежние версии сохраняются.
case-field-required = Это поле обязательно.
case-field-too-long = Слишком длинно.
case-field-fin = FİN состоит из 7 букв и цифр, без I и O.
case-field-voen = VÖEN состоит из 10 цифр и оканчивается на 1 или 2.
case-field-date = Укажите дату в виде ГГГГ-ММ-ДД.
case-field-email = Укажите адрес электронной почты вида name@example.az.
case-field-phone = Укажите азербайджанский мобильный номер, например 050 123 45 67.
case-field-number = Укажите целое число.
case-field-choice = Выберите один из вариантов.
case-field-document-required = Приложите этот документ.
case-field-document-type = Принимаются только файлы PDF, JPEG и PNG.
case-field-document-size = Файл больше 10 МБ.
case-field-document-empty = Файл пуст.
case-field-reason = Укажите причину.
case-field-unknown = Этого поля нет в форме.
cases-title = Мои заявления
case-title = Заявление
case-number = Номер
case-service = Услуга
case-state = Состояние
case-state-draft = Черновик
case-submitted = Зарегистрировано
case-next-due = Ближайший срок
case-body = Компетентный орган
case-applicant = Заявитель
case-assigned = Исполнитель
case-registered-notice = Ваше заявление зарегистрировано. Его номер и все сроки указаны ниже; уведомление отправлено в кабинет, по электронной почте и по SMS.
case-awaits-you = Орган ждёт ваших действий: см. уведомление в кабинете и срок ниже.
case-closed = Это заявление закрыто: решение выше окончательно на портале.
case-actions = Что вы можете сделать
case-reason = Причина
case-assign-me = Взять дело
case-deadlines = Сроки
case-no-deadlines = Сроки не текут.
case-deadline = Срок
case-deadline-from = Отсчёт от
case-deadline-due = Последний день
case-deadline-status = Состояние
case-deadline-open = течёт
case-deadline-paused = приостановлен
case-deadline-met = соблюдён
case-deadline-expired = истёк
case-deadline-stopped = остановлен
case-timeline = Ход дела
case-event-created = Создан черновик
case-event-registered = Зарегистрировано под номером { $number }
case-event-transition = { $from } → { $to }
case-event-assigned = Передано исполнителю
case-event-deadline-expired = Истёк срок: { $deadline }
case-event-document = Приложен документ
case-by-applicant = заявитель
case-by-official = должностное лицо
case-by-system = система
case-data = Заявление
case-document = Документ
case-version = Версия
case-file = Файл
case-uploaded = Загружен
case-notices = Отправленные уведомления
case-channel = Канал
case-channel-inbox = кабинет
case-channel-email = электронная почта
case-channel-sms = SMS
case-delivery-pending = отправляется
case-delivery-sent = доставлено
case-delivery-dead = не доставлено
cabinet-inbox-unread = { $count ->
    [one] { $count } непрочитанное сообщение
    [few] { $count } непрочитанных сообщения
   *[other] { $count } непрочитанных сообщений
}
cabinet-inbox-none-unread = Непрочитанных сообщений нет.
cabinet-applications-count = { $count ->
    [one] { $count } заявление
    [few] { $count } заявления
   *[other] { $count } заявлений
}
cabinet-link-work = Очередь дел
cabinet-link-statistics = Статистика услуг
cabinet-link-outbox = Недоставленные уведомления
inbox-mark-read = Отметить все как прочитанные
inbox-new = Новое
inbox-open-case = Открыть заявление
queue-title = Очередь дел
queue-all-services = Все услуги
queue-mine = Только мои дела
queue-closed = Включая закрытые
queue-filter = Показать
queue-empty = Дел нет.
queue-overdue = просрочено
stats-title = Статистика услуг
stats-intro = По каждой услуге: зарегистрированные и решённые заявления, срок от регистрации до решения в днях и доля решённых до истечения любого законного срока.
stats-csv = Скачать таблицу в CSV
stats-received = Поступило
stats-decided = Решено
stats-median = Медиана, дней
stats-p90 = 90-й процентиль, дней
stats-within = В срок
outbox-title = Недоставленные уведомления
outbox-intro = Уведомления, все попытки доставки которых не удались. Устраните причину (адрес, почтовый сервер, SMS-шлюз) и отправьте их снова.
outbox-empty = Все уведомления доставлены.
outbox-address = Адрес
outbox-template = Уведомление
outbox-attempts = Попытки
outbox-error = Последняя ошибка
outbox-retry = Отправить снова
sms-title = SMS-ящик тестовой среды
sms-intro = Сообщения, которые платформа отправила в тестовый SMS-шлюз.
sms-empty = SMS пока нет.
problem-detail-no-case = Такого заявления нет, или оно не ваше.
problem-detail-no-service = Услуги { $service } нет.
problem-detail-case-changed = Заявление тем временем изменилось; обновите страницу и попробуйте снова.
problem-detail-service-unavailable = Эта услуга ещё не открыта в этой установке: её компетентный орган не зарегистрирован.
problem-detail-no-message = Такого недоставленного уведомления нет.
action-case-submit = Подано заявление
action-case-transition = Изменено состояние заявления
action-case-assign = Заявление передано исполнителю
action-case-overdue = Истёк срок
action-case-document = Приложен документ
action-outbox-retry = Уведомление отправлено снова

case-event-opinion = Дано заключение
case-opinions = Заключения других органов
case-opinion-body = Орган
case-opinion-pending = ожидается
case-opinion-consent = согласие
case-opinion-refusal = отказ
case-opinion-give = Запрошено заключение вашего органа
case-opinion-answer = Ответ
case-opinion-text = Заключение
case-opinion-send = Отправить заключение
case-field-opinion = Напишите заключение.
queue-asked = Заключения, запрошенные у вашего органа
action-case-opinion = Дано заключение по заявлению

## Notices: subject, text, SMS
notice-case-registered-subject = Заявление { $number } зарегистрировано
notice-case-registered-body = Ваше заявление «{ $service }» зарегистрировано под номером { $number }. Оно будет рассмотрено до { $due }. Следите за ходом дела в кабинете.
notice-case-registered-sms = Заявление { $number } зарегистрировано. Рассмотрение до { $due }.
notice-case-changed-subject = Заявление { $number }: { $state }
notice-case-changed-body = Состояние вашего заявления { $number } «{ $service }»: { $state }.
notice-case-changed-sms = Заявление { $number }: { $state }.
notice-case-deficiencies-subject = Заявление { $number }: нужно устранить недостатки
notice-case-deficiencies-body = Лицензирующий орган выявил в вашем заявлении { $number } устранимые недостатки: { $reason } Устраните их и подтвердите в кабинете до { $due }. Если они не будут устранены в срок, заявление будет оставлено без рассмотрения.
notice-case-deficiencies-sms = Заявление { $number }: устраните недостатки до { $due }. См. кабинет.
notice-case-fixes-received-subject = Заявление { $number }: исправления зарегистрированы
notice-case-fixes-received-body = Ваши исправления к заявлению { $number } зарегистрированы, рассмотрение продолжается.
notice-case-fixes-received-sms = Заявление { $number }: исправления зарегистрированы.
notice-case-unconsidered-subject = Заявление { $number } оставлено без рассмотрения
notice-case-unconsidered-body = Недостатки заявления { $number } не устранены в срок, поэтому заявление оставлено без рассмотрения. Вы можете подать новое заявление.
notice-case-unconsidered-sms = Заявление { $number } оставлено без рассмотрения.
notice-case-fix-deadline-passed-subject = Заявление { $number }: срок устранения недостатков истёк
notice-case-fix-deadline-passed-body = Недостатки заявления { $number } не устранены в срок. Лицензирующий орган оставит заявление без рассмотрения подписанным актом, который поступит в ваш кабинет.
notice-case-fix-deadline-passed-sms = Заявление { $number }: недостатки не устранены в срок.
notice-case-decided-subject = Решение по заявлению { $number }
notice-case-decided-body = По вашему заявлению { $number } «{ $service }» принято решение: { $state }. { $reason }
notice-case-decided-sms = Заявление { $number }: { $state }. См. кабинет.

## Платежи (LIC-5.10 … 5.12)
notice-case-payment-due-subject = Заявление { $number }: оплатите госпошлину
notice-case-payment-due-body = По вашему заявлению { $number } на «{ $service }» принято решение о выдаче. Оплатите госпошлину { $amount } по платёжному коду { $code } в кабинете, через ASAN ödəniş или в платёжном терминале. После подтверждения оплаты лицензия будет подписана и направлена в ваш кабинет.
notice-case-payment-due-sms = Заявление { $number }: оплатите { $amount } по коду { $code }.
notice-case-paid-subject = Заявление { $number }: оплата подтверждена
notice-case-paid-body = Оплата по вашему заявлению { $number } на «{ $service }» подтверждена. Состояние заявления: { $state }.
notice-case-paid-sms = Заявление { $number }: оплата подтверждена.
notice-case-issued-subject = Заявление { $number }: документ выдан
notice-case-issued-body = Документ по вашему заявлению { $number } на «{ $service }» подписан усиленной электронной подписью и находится в вашем кабинете вместе с подписью и кодом проверки.
notice-case-issued-sms = Заявление { $number }: подписанный документ в вашем кабинете.
case-payments = Платежи
payment-code = Платёжный код
payment-purpose = Назначение
payment-amount = Сумма
payment-beneficiary = Получатель
payment-provider = Платёжная служба
payment-pay = Оплатить
payment-how = Оплатите по платёжному коду в кабинете, через ASAN ödəniş или в платёжном терминале; оплата подтверждается здесь, как только платёжная служба сообщит о ней.
payment-status-due = К оплате
payment-status-paid = Оплачено
payment-status-cancelled = Отменено
pay-title = Оплата (тестовая среда)
pay-intro = Эта страница заменяет платёжную службу, например ASAN ödəniş. Кнопка оплачивает счёт; затем платёжная служба подтверждает оплату порталу.
pay-button = Оплатить сейчас
pay-already = Этот счёт уже оплачен.
problem-detail-payment-provider = Платёжной службы с таким именем нет.
problem-detail-payment-signature = Подпись уведомления отсутствует или не совпадает.
problem-detail-payment-stale = Метка времени уведомления слишком старая или в будущем.
problem-detail-payment-malformed = Тело уведомления — не ожидаемый JSON.
problem-detail-payment-code = Счёта с таким кодом нет.
problem-detail-payment-amount = Сумма или валюта не совпадают со счётом.
problem-detail-payment-not-payable = Этот счёт уже оплачен или больше не подлежит оплате.

## Подписанные документы (LIC-5.9, LIC-6.1, LIC-6.6)
doc-licence-title = Лицензия
doc-licence-body = { $body } выдаёт эту лицензию { $applicant } на «{ $service }» по заявлению { $number } на основании { $law }.
doc-refusal-title = Отказ в выдаче лицензии
doc-refusal-body = { $body } рассмотрел заявление { $number } от { $applicant } на «{ $service }» и отказывает в нём на основании { $law } по следующим причинам. Решение может быть обжаловано в органе или в суде.
doc-fixes-title = Подтверждение устранения недостатков
doc-fixes-body = { $applicant } подтверждает органу { $body }, что недостатки, указанные по заявлению { $number } на «{ $service }», устранены, а сведения и документы, приложенные теперь к заявлению, достоверны, на основании { $law }.
doc-unconsidered-title = Акт об оставлении заявления без рассмотрения
doc-unconsidered-body = { $body } оставляет заявление { $number } заявителя { $applicant } на «{ $service }» без рассмотрения на основании { $law }, так как указанные заявителю недостатки не устранены в срок, предусмотренный статьёй 19.2 Закона. Заявитель может подать новое заявление. Акт может быть обжалован в лицензирующий орган или в суд.
doc-field-number = Номер
doc-field-date = Дата выдачи
doc-field-holder = Владелец
doc-field-service = Вид деятельности
doc-reasons = Причины:
doc-footer = Подписано усиленной электронной подписью: { $official }. Проверьте действительность по адресу { $url }.
doc-verification-code = Код проверки
phone-signing = Документ на подпись:
case-awaiting-signature = Документ по этому заявлению ожидает электронной подписи должностного лица.
case-issued = Выданные документы
document-download-pdf = Скачать документ (PDF)
document-download-signature = Подпись (.p7s)
document-status-awaiting_signature = Ожидает подписи
document-status-declined = В подписи отказано
document-status-valid = Действует
document-status-suspended = Приостановлен
document-status-revoked = Отозван
document-status-superseded = Заменён новым
sign-heading = Подпишите документ
sign-intro = Документ ожидает вашей усиленной электронной подписи:
sign-with-mobile = Подписать мобильной подписью
sign-decline = Отказаться подписывать
sign-confirm-intro = Подтвердите подпись на телефоне. Убедитесь, что телефон показывает этот код:
sign-back = Вернуться к заявлению
sign-error-wrong-signer = Подпись сделана сертификатом другого лица.
problem-detail-no-document = Такого документа нет, или он вам недоступен.
case-event-document-prepared = Документ подготовлен к подписи
case-event-signature-declined = В подписи отказано
verify-title = Проверка документа
verify-check = Проверить
verify-valid = Документ действителен, подпись подтверждается.
verify-not-in-force = Подпись подтверждается, но документ не действует.
verify-signature-invalid = Подпись не подтверждается.
verify-signature-ok = Действительная усиленная электронная подпись
verify-document = Документ
verify-issuer = Выдан
verify-signer = Подписал
verify-signed-at = Время подписи
verify-signature = Подпись
verify-status = Статус
verify-unknown = Подписанного документа с таким кодом нет. Проверьте код, напечатанный на документе.
problem-detail-no-certificate = Для этого логина нет тестового сертификата.

## Единый реестр лицензий и разрешений (LIC-3.5, LIC-6.3 … 6.6, LIC-7.3)
doc-field-licence-number = Номер лицензии
doc-suspension-title = Акт о приостановлении действия лицензии
doc-suspension-body = { $body } приостанавливает действие лицензии { $licence }, выданной { $applicant } на «{ $service }», на основании { $law } по следующим причинам. До восстановления лицензия не действует. Акт может быть обжалован в органе или в суде.
doc-restoration-title = Акт о восстановлении действия лицензии
doc-restoration-body = { $body } восстанавливает действие лицензии { $licence }, выданной { $applicant } на «{ $service }», на основании { $law }: основания приостановления устранены, лицензия вновь действует.
doc-revocation-title = Акт об аннулировании лицензии
doc-revocation-body = { $body } аннулирует лицензию { $licence }, выданную { $applicant } на «{ $service }», на основании { $law } по следующим причинам. Акт может быть обжалован в органе или в суде.
notice-licence-suspended-subject = Действие лицензии { $licence } приостановлено
notice-licence-suspended-body = Действие вашей лицензии { $licence } на «{ $service }» приостановлено подписанным актом: { $reason } Акт в вашем кабинете.
notice-licence-suspended-sms = Действие лицензии { $licence } приостановлено. См. кабинет.
notice-licence-restored-subject = Действие лицензии { $licence } восстановлено
notice-licence-restored-body = Действие вашей лицензии { $licence } на «{ $service }» восстановлено подписанным актом, лицензия вновь действует. Акт в вашем кабинете.
notice-licence-restored-sms = Действие лицензии { $licence } восстановлено.
notice-licence-revoked-subject = Лицензия { $licence } аннулирована
notice-licence-revoked-body = Ваша лицензия { $licence } на «{ $service }» аннулирована подписанным актом: { $reason } Акт в вашем кабинете.
notice-licence-revoked-sms = Лицензия { $licence } аннулирована. См. кабинет.
registry-title = Единый реестр лицензий и разрешений
registry-intro = Все лицензии и разрешения, выданные через портал, с их статусом и историей. Искать и скачивать подписанную выписку может любой, без входа.
registry-query = Владелец, VÖEN или номер лицензии
registry-activity = Вид деятельности
registry-body = Выдавший орган
registry-status = Статус
registry-any = Любой
registry-issued-from = Выдана с
registry-issued-to = Выдана по
registry-search = Найти
registry-none = Лицензий по запросу не найдено.
registry-more = Показаны только первые 100 результатов; уточните запрос.
registry-number = Номер лицензии
registry-holder = Владелец
registry-voen = VÖEN
registry-address = Адрес осуществления деятельности
registry-issued-on = Дата выдачи
registry-entry = Лицензия
registry-extract = Выписка (PDF)
registry-extract-signature = Подпись выписки
registry-seal-key = Открытый ключ портала
registry-extract-how = Выписка подписана ключом портала. Проверка: openssl dgst -sha256 -verify seal.pem -signature extract.sig extract.pdf
registry-extract-title = Выписка из единого реестра лицензий и разрешений
registry-extract-footer = Данные реестра на { $at } (по бакинскому времени). Проверить: { $url }
registry-history = История
registry-when = Когда
registry-act = Акт
registry-status-active = Действует
registry-status-suspended = Приостановлена
registry-status-revoked = Аннулирована
registry-event-issued = Выдана
registry-event-suspended = Приостановлена
registry-event-restored = Восстановлена
registry-event-revoked = Аннулирована
registry-error-date = Укажите дату в виде ГГГГ-ММ-ДД.
registry-error-status = Выберите: действует, приостановлена или аннулирована.
registry-error-action = Выберите приостановление или аннулирование.
problem-detail-no-licence = В реестре нет лицензии с таким номером.
motions-title = Представления надзорного органа
motions-none = По этой лицензии представлений не было.
motion-from = От
motion-action = Просит
motion-action-suspend = Приостановить действие лицензии
motion-action-revoke = Аннулировать лицензию
motion-reason = Обоснование: выявленное несоответствие
motion-submit = Направить представление
motion-new = Направить мотивированное представление
motion-decide = Принять решение в деле лицензии
motion-dismiss-reason = Причины отклонения представления
motion-dismiss = Отклонить представление
motion-status-open = Ожидает решения лицензирующего органа
motion-status-accepted = Принято: акт подписан
motion-status-dismissed = Отклонено
queue-motions = Представления надзорных органов, ожидающие вашего решения
case-event-motion = Надзорный орган направил представление: { $action }
case-event-motion-dismissed = Представление надзорного органа отклонено
nav-registry = Реестр лицензий

## Complaints against licensing acts (LIC-7.1, LIC-10.0.2) and acts cited by applications
case-field-act = Введите код проверки, напечатанный на акте, например K7QP-3MZX-W9RT.
case-field-act-unknown = Подписанного акта с этим кодом, выданного вам, нет.
case-field-act-kind = В этом заявлении нельзя ссылаться на документ такого вида.
case-event-cited = Заявление { $number } ссылается на акт по этому делу
notice-complaint-registered-subject = Жалоба { $number } зарегистрирована
notice-complaint-registered-body = Ваша жалоба по услуге «{ $service }» зарегистрирована под номером { $number } и направлена органу, издавшему акт. Решение должно быть принято до { $due }. Следите за ней в кабинете.
notice-complaint-registered-sms = Жалоба { $number } зарегистрирована; срок рассмотрения { $due }.
notice-complaint-decided-subject = Решение по жалобе { $number }
notice-complaint-decided-body = По вашей жалобе { $number } принято решение: { $state }. { $reason } Подписанный акт о результате находится в вашем кабинете.
notice-complaint-decided-sms = Жалоба { $number }: { $state }. Акт в вашем кабинете.
doc-complaint-upheld-title = Решение по административной жалобе: удовлетворена
doc-complaint-upheld-body = { $body } рассмотрел административную жалобу { $number } заявителя { $applicant } и удовлетворяет её по следующим основаниям. Обжалуемый акт указан ниже.
doc-complaint-rejected-title = Решение по административной жалобе: отказано
doc-complaint-rejected-body = { $body } рассмотрел административную жалобу { $number } заявителя { $applicant } и отказывает в её удовлетворении по следующим основаниям. Это решение может быть обжаловано в суде.

## Verification queries about doubtful documents (LIC-5.8) and paper copies (LIC-6.2)
case-queries = Запросы на проверку
case-query-intro = Если приложенный документ вызывает сомнения в подлинности или точности данных, направьте запрос органу, который может его проверить. Срок рассмотрения при этом не приостанавливается: это время входит в законный срок.
case-query-body = Орган, которому направлен запрос
case-query-document = Документ
case-query-document-none = Заявление в целом
case-query-question = Вопрос
case-query-answer = Ответ
case-query-ask = Направить запрос на проверку
case-query-send-answer = Отправить ответ
case-query-status-pending = Ожидается ответ
case-query-status-answered = Дан ответ
case-queries-to-answer = Запросы на проверку, ожидающие ответа
case-event-verification-asked = Соответствующему органу направлен запрос на проверку документов
case-event-verification-answered = Соответствующий орган ответил на запрос на проверку
case-paper = Бумажная копия
case-paper-intro = Электронная лицензия в вашем кабинете и есть лицензия. Бумажная копия выдаётся также при её непосредственном использовании во внешнеэкономической деятельности, в случаях, предусмотренных международными договорами, или по вашей просьбе.
case-paper-document = Документ
case-paper-ground = Основание
case-paper-ground-holder_request = По моей просьбе
case-paper-ground-foreign_trade = Для непосредственного использования во внешнеэкономической деятельности
case-paper-ground-international_agreement = Требуется международным договором
case-paper-note = Как вы хотите её получить (необязательно)
case-paper-request = Запросить бумажную копию
case-paper-status-requested = Готовится
case-paper-status-handed_over = Выдана
case-paper-handed-note = Как выдана
case-paper-hand-over = Отметить выдачу
case-papers-to-hand = Бумажные копии к выдаче
case-event-paper-requested = Запрошена бумажная копия лицензии
case-event-paper-handed-over = Бумажная копия выдана
notice-paper-copy-ready-subject = Лицензия { $licence }: бумажная копия выдана
notice-paper-copy-ready-body = Бумажная копия вашей лицензии { $licence } на «{ $service }» выдана: { $reason }
notice-paper-copy-ready-sms = Лицензия { $licence }: бумажная копия выдана.

## Re-issue, duplicates and annexes of a licence (LIC-1.2, LIC-6.6)
case-field-licence = Введите номер лицензии в едином реестре, например LIC-ECONOMY-000001.
case-field-licence-unknown = Действующей лицензии с этим номером у вас или у организации, которую вы представляете, нет.
registry-event-reissued = Переоформлена
registry-event-duplicated = Выдан дубликат
registry-event-annexed = Выдано приложение
doc-licence-reissued-title = Лицензия (переоформленная)
doc-licence-reissued-body = { $body } переоформляет лицензию { $licence } для { $applicant } по заявлению { $number } на основании { $law }. Эта лицензия заменяет выданную ранее под тем же номером.
doc-licence-duplicate-title = Дубликат лицензии
doc-licence-duplicate-body = { $body } выдаёт { $applicant } настоящий дубликат лицензии { $licence } по заявлению { $number } на основании { $law }. Дубликат заменяет оригинал.
doc-licence-annex-title = Приложение к лицензии
doc-licence-annex-body = { $body } выдаёт { $applicant } настоящее приложение к лицензии { $licence } по заявлению { $number } на основании { $law }. Приложение действует вместе с лицензией.

## Заметки к записи реестра: данные, внесённые владельцем и оператором, ошибки, о которых сообщает держатель.
notes-title = Заметки и сообщения об ошибках
notes-who-sees = Эти заметки видят только держатель записи, владелец реестра и оператор.
notes-none = Заметок пока нет.
notes-kind-entered = Данные, внесённые владельцем или оператором реестра
notes-kind-error_report = Ошибка, о которой сообщил держатель
notes-answer = Ответ
notes-answer-label = Ваш ответ на сообщение
notes-answer-submit = Ответить на сообщение
notes-enter-label = Данные, полученные об этой записи
notes-enter-submit = Внести данные
notes-report-label = Что неверно в данных этой записи
notes-report-submit = Сообщить об ошибке для исправления
notes-errors-to-answer = Сообщения об ошибках в записях реестра
notice-registry-note-entered-subject = Новые данные в вашей записи реестра { $licence }
notice-registry-note-entered-body = Владелец или оператор реестра внёс новые данные о вашей записи { $licence }. Прочитайте их на странице записи в реестре, войдя в систему.
notice-registry-note-entered-sms = Новые данные в вашей записи реестра { $licence }.
notice-registry-error-reported-subject = Сообщение об ошибке в записи реестра { $licence }
notice-registry-error-reported-body = Держатель { $licence } («{ $service }») сообщает об ошибке в данных записи. Ответьте на странице записи.
notice-registry-error-reported-sms = Сообщение об ошибке в { $licence }.
notice-registry-error-answered-subject = На ваше сообщение об ошибке в { $licence } дан ответ
notice-registry-error-answered-body = На ваше сообщение об ошибке в записи реестра { $licence } дан ответ: { $reason }
notice-registry-error-answered-sms = На ваше сообщение по { $licence } дан ответ. См. запись.

## События безопасности: сообщения в ГССИБ (XRİTDX), Министерство цифрового развития и транспорта и правоохранительный орган.
security-events-title = События безопасности
security-events-intro = О выявленных угрозах и инцидентах безопасности немедленно сообщается в Государственную службу специальной связи и информационной безопасности (XRİTDX), а если они касаются EHİS или Правительственного облака — также в Министерство цифрового развития и транспорта; о попытках вмешательства — также в компетентный правоохранительный орган. На их запросы отвечают немедленно, а если это невозможно — в течение указанных часов.
security-unconfigured = В этой установке не заданы контакты органов (--security-contacts): события записываются здесь, но сообщения не отправляются.
security-report-heading = Сообщить о событии безопасности
security-system = Система
security-kind = Что выявлено
security-kind-threat = Угроза безопасности
security-kind-incident = Инцидент безопасности
security-kind-intrusion_attempt = Попытка вмешательства
security-ehis-aspect = Касается EHİS или Правительственного облака
security-summary = Что произошло, что затронуто, что сделано
security-report-submit = Сообщить немедленно
security-events-list = Сообщённые события
security-events-none = Сообщённых событий безопасности нет.
security-role-owner = владелец
security-role-operator = оператор
security-reported-to = Сообщено
security-not-sent = не отправлено: контакты не заданы
security-inquiries = Запросы органов
security-answer-due = Ответ до
security-overdue = просрочено
security-answer = Ответ
security-answer-submit = Отправить ответ
security-inquiry-record = Записать запрос органа
security-inquiry-from = От кого
security-inquiry-question = О чём запрос
security-inquiry-hours = Ответ нужно дать в течение { $hours } часов.
security-inquiry-submit = Записать запрос
notice-security-report-subject = Сообщение о безопасности: { $kind ->
        [threat] угроза безопасности
        [incident] инцидент безопасности
        *[intrusion_attempt] попытка вмешательства
    } в системе { $system }
notice-security-report-body = Сообщил: { $reporter } ({ $role }), { $at }, номер { $reference }: { $summary }
notice-security-report-sms = Сообщение о безопасности { $reference } по { $system }.
notice-security-answer-subject = Ответ на ваш запрос по сообщению о безопасности { $reference }
notice-security-answer-body = Ваш запрос: { $question } Наш ответ: { $answer }
notice-security-answer-sms = Ответ по сообщению о безопасности { $reference }.

login-sandbox-heading = Как лицо из тестовых реестров (только тестовая среда)
login-sandbox-intro = Войдите без пароля как любое лицо, известное тестовому реестру населения; с VÖEN — как представитель этой компании. Данные читаются из реестров через EHİS, учётная запись и электронный кабинет создаются при первом входе.
login-sandbox-field-fin = FİN лица из тестового реестра
login-sandbox-field-voen = VÖEN компании из тестового реестра (необязательно)
login-sandbox-field-consent = Как представитель компании я согласен на чтение её учётных данных налогоплательщика в налоговом органе
login-sandbox-submit = Войти как лицо из тестового реестра
login-sandbox-examples = Например, некоторые лица и компании, известные тестовым реестрам:
login-sandbox-error-fin-required = Введите FİN.
login-sandbox-error-fin-invalid = FİN состоит из 7 символов: цифр и латинских букв (кроме I и O).
login-sandbox-error-fin-unknown = В тестовом реестре населения нет лица с таким FİN.
login-sandbox-error-voen-invalid = VÖEN состоит из 10 цифр с верной контрольной цифрой.
login-sandbox-error-voen-unknown = В тестовом налоговом реестре нет налогоплательщика с таким VÖEN.
login-sandbox-error-consent = Данные компании читаются только с её согласия: отметьте согласие.
login-sandbox-error-unavailable = Тестовые реестры сейчас не отвечают. Повторите попытку чуть позже.
