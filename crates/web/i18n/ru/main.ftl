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
