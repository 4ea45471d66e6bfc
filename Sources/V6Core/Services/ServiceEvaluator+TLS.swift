extension ServiceEvaluator {
    /// The TLS comparison of a web service's families, when its handshakes were made (port 443 among its ports).
    static func tlsEvaluation(_ request: ServiceRequest, _ o: ServiceObservation) -> TLSEvaluation? {
        guard o.mode == .web, !o.tls.isEmpty, let now = o.tlsCheckedAt else { return nil }
        return TLSEvaluation(record: request.record, target: request.label,
                             name: request.name.map(ServiceRequest.displayName), now: now, observations: o.tls)
    }
}
