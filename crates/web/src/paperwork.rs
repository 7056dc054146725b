//! The documents cases issue, in the case's language: texts from the Fluent files
//! (`doc-{template}-title`, `doc-{template}-body`), the form's values as the catalog labels
//! them, the verification code and its address, rendered to PDF by `pencere-render`.

use std::sync::Arc;

use fluent_bundle::FluentValue;
use pencere_cases::issuance::{DocumentRequest, Paperwork, RenderedDocument};

use crate::i18n::I18n;

/// Renders documents with the platform's translations.
pub struct FluentPaperwork {
    i18n: Arc<I18n>,
    public_url: String,
}

impl FluentPaperwork {
    /// Paperwork whose verification links start with `public_url`.
    pub fn new(i18n: Arc<I18n>, public_url: &str) -> FluentPaperwork {
        FluentPaperwork { i18n, public_url: public_url.trim_end_matches('/').to_owned() }
    }
}

/// The public address that verifies a document.
pub fn verify_url(public_url: &str, code: &str) -> String {
    format!("{}/verify/{code}", public_url.trim_end_matches('/'))
}

impl Paperwork for FluentPaperwork {
    fn render(&self, request: &DocumentRequest<'_>) -> Result<RenderedDocument, String> {
        let tr = self.i18n.tr(request.lang);
        let template = request.template;
        let url = verify_url(&self.public_url, request.code);
        let args: Vec<(&str, FluentValue<'_>)> = vec![
            ("number", request.number.to_owned().into()),
            ("service", request.service.name.get(request.lang).to_owned().into()),
            ("body", request.body.to_owned().into()),
            ("applicant", request.applicant.to_owned().into()),
            ("law", request.service.law.clone().into()),
            ("reason", request.reason.unwrap_or_default().to_owned().into()),
            ("official", request.official.to_owned().into()),
            ("date", request.date.to_string().into()),
            ("url", url.clone().into()),
            ("licence", request.licence.unwrap_or_default().to_owned().into()),
        ];
        let title = tr.t_with(&format!("doc-{template}-title"), &args);
        let mut fields = Vec::new();
        if let Some(licence) = request.licence {
            fields.push((tr.t("doc-field-licence-number"), licence.to_owned()));
        }
        fields.extend([
            (tr.t("doc-field-number"), request.number.to_owned()),
            (tr.t("doc-field-date"), request.date.to_string()),
            (tr.t("doc-field-holder"), request.applicant.to_owned()),
            (tr.t("doc-field-service"), request.service.name.get(request.lang).to_owned()),
        ]);
        for field in &request.service.fields {
            let value = request.data.get(&field.id).cloned().unwrap_or_default();
            if value.is_empty() {
                continue;
            }
            let shown = field
                .options
                .iter()
                .find(|option| option.value == value)
                .map_or(value.clone(), |option| option.label.get(request.lang).to_owned());
            fields.push((field.label.get(request.lang).to_owned(), shown));
        }
        let mut paragraphs = vec![tr.t_with(&format!("doc-{template}-body"), &args)];
        if let Some(reason) = request.reason.filter(|reason| !reason.trim().is_empty()) {
            paragraphs.push(format!("{} {}", tr.t("doc-reasons"), reason.trim()));
        }
        let footer = tr.t_with("doc-footer", &args);
        let label = tr.t("doc-verification-code");
        let document = pencere_render::Document {
            issuer: request.body,
            title: &title,
            subtitle: Some(request.licence.unwrap_or(request.number)),
            fields: &fields,
            paragraphs: &paragraphs,
            verification_code: request.code,
            verification_label: &label,
            verify_url: &url,
            footer: &footer,
            lang: request.lang.as_str(),
        };
        let pdf = pencere_render::render_pdf(&document).map_err(|error| error.to_string())?;
        Ok(RenderedDocument { title, pdf })
    }
}
