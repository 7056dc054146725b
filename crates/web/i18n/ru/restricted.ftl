# Информация ограниченного доступа в заявлениях (LIC-8.0.11).
restricted-medical = медицинские данные
restricted-criminal-record = сведения о судимости
restricted-commercial-secret = коммерческая тайна
restricted-tax-secret = налоговая тайна
restricted-withheld = Информация ограниченного доступа ({ $kind }): не показывается вашей роли.
restricted-heading = Информация ограниченного доступа
restricted-intro = Эти части заявления являются информацией ограниченного доступа. Их видят только должностные лица с соответствующим допуском; каждый просмотр записывается в журнал аудита.
restricted-document = документ
restricted-field = поле
