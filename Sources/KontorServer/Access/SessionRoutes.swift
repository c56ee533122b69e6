import Foundation
import HTTPTypes
import Hummingbird
import Logging
import NIOCore

/// Dashboard login: `POST /v1/session` with `{"token": "..."}` (the session gets the token's scopes) or
/// `{"password": "..."}` (`auth.dashboardPassword`; scope `operate`) sets the session cookie (HttpOnly,
/// SameSite=Strict, random, expiring); `DELETE /v1/session` ends the session and clears the cookie. Wrong passwords
/// are limited per minute (``PasswordLoginThrottle``): past the limit, password logins answer 429 with
/// `Retry-After`; token logins are not limited.
enum SessionRoutes {
    static let path = "/v1/session"
    /// The largest login body read.
    static let maxBody = 4096

    static func add(_ access: AccessControl, to router: Router<BasicRequestContext>) {
        router.post(RouterPath(path)) { request, context in
            try await login(request, access: access, context: context)
        }
        router.delete(RouterPath(path)) { request, _ in
            if let id = request.cookies[AccessControl.cookieName]?.value, !id.isEmpty {
                await access.sessions.remove(id)
            }
            var response = Response(status: .noContent)
            response.setCookie(cookie("", maxAge: 0, access: access))
            return response
        }
    }

    static func login(_ request: Request, access: AccessControl, context: BasicRequestContext) async throws -> Response
    {
        let instance = request.uri.path
        let body = try? await request.body.collect(upTo: maxBody)
        guard let body,
            let object = try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any]
        else {
            return ProblemDetails(
                type: ProblemDetails.Types.malformedJSON,
                title: "Malformed JSON",
                status: 400,
                detail: "The body must be a JSON object {\"token\": \"...\"} or {\"password\": \"...\"} "
                    + "of at most \(maxBody) bytes.",
                instance: instance
            ).response
        }
        let principal: Principal?
        if let secret = object["token"] as? String {
            principal = access.token(matching: secret).map { Principal(name: $0.name, scopes: $0.scopes) }
        } else if let password = object["password"] as? String {
            if let seconds = await access.passwordThrottle.retryAfter() {
                context.logger.warning("password login throttled", metadata: ["http.path": "\(instance)"])
                return ProblemDetails(
                    type: ProblemDetails.Types.tooManyRequests,
                    title: "Too many failed logins",
                    status: 429,
                    detail: "Too many wrong passwords in the last minute; try again in \(seconds) s, or log in with a "
                        + "token.",
                    instance: instance,
                    retryAfter: seconds
                ).response
            }
            let valid = access.dashboardPassword?.verify(password) == true
            if !valid { await access.passwordThrottle.recordFailure() }
            principal = valid ? Principal(name: "dashboard", scopes: AccessControl.passwordScopes) : nil
        } else {
            return ProblemDetails(
                type: ProblemDetails.Types.schemaViolation,
                title: "Schema violation",
                status: 400,
                detail: "token or password: one of them is required, as a string",
                instance: instance,
                field: "token"
            ).response
        }
        guard let principal else {
            context.logger.notice("login refused", metadata: ["http.path": "\(instance)"])
            return ProblemDetails(
                type: ProblemDetails.Types.unauthorized,
                title: "Login failed",
                status: 401,
                detail: "The token or password is not valid.",
                instance: instance
            ).response
        }
        let session: (id: String, expires: Date)
        do {
            session = try await access.sessions.create(for: principal)
        } catch {
            context.logger.error("session not stored", metadata: ["kontor.error": "\(error)"])
            return ProblemDetails(
                type: ProblemDetails.Types.unavailable,
                title: "Login not possible now",
                status: 503,
                detail: "The session could not be stored; try again.",
                instance: instance,
                retryAfter: 5
            ).response
        }
        context.logger.info("session started", metadata: ["auth.token": "\(principal.name)"])
        var response = KontorRouter.jsonResponse(
            .ok,
            [
                "name": principal.name, "scopes": principal.scopes.sorted().map(\.rawValue),
                "expiresAt": ISO8601DateFormatter().string(from: session.expires),
            ]
        )
        response.setCookie(
            cookie(session.id, maxAge: Int(access.sessions.lifetime.components.seconds), access: access)
        )
        return response
    }

    static func cookie(_ value: String, maxAge: Int, access: AccessControl) -> Cookie {
        Cookie(
            name: AccessControl.cookieName,
            value: value,
            maxAge: maxAge,
            path: "/",
            secure: access.secureCookie,
            httpOnly: true,
            sameSite: .strict
        )
    }
}
