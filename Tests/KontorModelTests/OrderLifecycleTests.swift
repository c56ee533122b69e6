import KontorModel
import Testing

@Suite("Order lifecycle")
struct OrderLifecycleTests {
    typealias Step = OrderLifecycle.Step

    private func run(_ steps: [Step], from status: OrderStatus = .received) -> Result<
        OrderStatus, OrderLifecycle.IllegalTransition
    > {
        var current = status
        for step in steps {
            switch OrderLifecycle.apply(step, to: current) {
            case .success(let next): current = next
            case .failure(let error): return .failure(error)
            }
        }
        return .success(current)
    }

    @Test("The happy path, a hold and release, and a backorder filled later")
    func paths() throws {
        #expect(try run([.validate, .allocate, .startPicking, .ship, .deliver]).get() == .delivered)
        #expect(try run([.hold, .release, .allocate]).get() == .allocated)
        #expect(try run([.validate, .backorder, .allocatePartially, .allocate, .startPicking]).get() == .picking)
        #expect(
            try run([.validate, .allocate, .startPicking, .shipPartially, .ship, .deliver, .returnToSender]).get()
                == .returned
        )
        #expect(try run([.reject, .receive, .validate]).get() == .validated)
    }

    @Test("A redelivered event changes nothing and is not an error")
    func idempotent() throws {
        #expect(try OrderLifecycle.apply(.validate, to: .validated).get() == .validated)
        #expect(try OrderLifecycle.apply(.ship, to: .shipped).get() == .shipped)
    }

    @Test("Illegal steps are refused with a reason")
    func refusals() {
        let shippedCancel = OrderLifecycle.apply(.cancel, to: .shipped)
        guard case .failure(let error) = shippedCancel else {
            Issue.record("cancelling a shipped order must be refused")
            return
        }
        #expect(error.description == "cannot cancel an order that is shipped: it has shipped; create a return instead")
        #expect(!OrderLifecycle.allows(.release, from: .validated))
        #expect(!OrderLifecycle.allows(.hold, from: .picking))
        #expect(!OrderLifecycle.allows(.requestCancel, from: .allocated))
        #expect(!OrderLifecycle.allows(.requestCancel, from: .shipped))
        guard case .failure(let hold) = OrderLifecycle.apply(.hold, to: .picking) else {
            Issue.record("holding an order being picked must be refused")
            return
        }
        #expect(hold.reason == "picking has started; cancel it instead (the warehouse is asked to stop)")
        #expect(!OrderLifecycle.allows(.deliver, from: .allocated))
        #expect(!OrderLifecycle.allows(.validate, from: .cancelled))
        #expect(!OrderLifecycle.allows(.receive, from: .validated))
    }

    @Test("Hold until picking starts, cancel until shipping (through the warehouse); final states take only returns")
    func actionsByStatus() {
        let cancellable = OrderStatus.allCases.filter { OrderLifecycle.allows(.cancel, from: $0) }
        #expect(
            Set(cancellable)
                == [
                    .received, .validated, .onHold, .allocated, .partiallyAllocated, .backordered, .picking, .cancelled,
                ]
        )
        let holdable = OrderStatus.allCases.filter { OrderLifecycle.allows(.hold, from: $0) }
        #expect(Set(holdable) == [.received, .validated, .onHold, .allocated, .partiallyAllocated, .backordered])
        // A person's cancel of an order being picked asks the warehouse; anything else cancels at once.
        #expect(OrderLifecycle.cancelStep(from: .picking) == .requestCancel)
        #expect(OrderLifecycle.cancelStep(from: .allocated) == .cancel)
        #expect(OrderLifecycle.allows(.requestCancel, from: .picking))
        for status in OrderStatus.allCases where status.isFinal {
            let steps = Step.allCases.filter { OrderLifecycle.allows($0, from: status) }
            let expected: Set<Step> =
                switch status {
                case .rejected: [.receive, .reject]
                case .delivered: [.deliver, .returnToSender]
                case .cancelled: [.cancel]
                default: [.returnToSender]
                }
            #expect(Set(steps) == expected, "\(status)")
        }
    }
}
